"""Health of what a turn needs: do the tracker store, lock store and action server answer now.

A message is handed to Rasa only when all three answer: otherwise Rasa would store the
message with no answer (an action that cannot run) or fall back to an empty conversation.
"""

from __future__ import annotations

import asyncio
import time
import urllib.request
from typing import Any, Optional

from rasa.core.lock_store import RedisLockStore
from rasa.core.tracker_store import RedisTrackerStore

from bot.stores.unwrap import innermost_store

CHECK_TIMEOUT_S = 2.0
CACHE_S = 1.0


def _ping_tracker_store(store: Any) -> None:
    store = innermost_store(store)
    if hasattr(store, "ping"):
        store.ping()
    elif isinstance(store, RedisTrackerStore):
        store.red.ping()


def _ping_lock_store(store: Any) -> None:
    if hasattr(store, "ping"):
        store.ping()
    elif isinstance(store, RedisLockStore):
        store.red.ping()


def _ping_action_server(endpoint: Any) -> None:
    """GET the action server's ``/health`` (rasa-sdk serves it beside ``/webhook``)."""
    url = getattr(endpoint, "url", None)
    if not url:
        return
    health = url.rsplit("/webhook", 1)[0].rstrip("/") + "/health"
    with urllib.request.urlopen(health, timeout=CHECK_TIMEOUT_S) as response:
        response.read()


class StorageHealth:
    """Pings the agent's stores (at most once a second); says what is down, if anything."""

    def __init__(self) -> None:
        self._checked_at = 0.0
        self._problem: Optional[str] = None

    async def problem(self, agent: Any) -> Optional[str]:
        """None when the stores and the action server answer, else a description for the log."""
        if time.monotonic() - self._checked_at < CACHE_S:
            return self._problem
        self._problem = await self._check(agent)
        self._checked_at = time.monotonic()
        return self._problem

    @staticmethod
    async def _check(agent: Any) -> Optional[str]:
        for label, ping, store in (
            ("tracker store", _ping_tracker_store, agent.tracker_store),
            ("lock store", _ping_lock_store, agent.lock_store),
            ("action server", _ping_action_server, getattr(agent, "action_endpoint", None)),
        ):
            try:
                await asyncio.wait_for(asyncio.to_thread(ping, store), CHECK_TIMEOUT_S)
            except Exception as error:
                return f"{label} unavailable: {type(error).__name__}: {error}"
        return None
