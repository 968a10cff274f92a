"""The 5-second rule: run each pushed message once, reply within the budget or push later.

The platform waits 5 seconds for a passive reply and retries a push three times. A
message runs once (retries join its run, in any process sharing the channel's memory);
a reply ready within the budget goes back passively, otherwise the request answers
``success`` and the reply is pushed through the customer-service API when it is ready.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from typing import Awaitable, Callable, List, Optional, Set

from bot.channels.memory import LocalMemory, MemoryUnavailable
from bot.channels.wechat.api import CustomerServiceClient
from bot.channels.wechat.render import TRANSFER
from bot.channels.wechat.shared import LEASE_S, SharedState
from bot.channels.wechat.state import ExpiringDict

logger = logging.getLogger(__name__)

# Without an AppSecret nothing can be pushed later: wait this long for a slow turn,
# past the platform's 5 s, so that its retry of the same push gets the reply.
WAIT_WITHOUT_PUSH_S = 14.0
TURN_MEMORY_S = 600.0

Ask = Callable[[], Awaitable[List[str]]]


@dataclass
class Turn:
    """One pushed message being answered, shared by the platform's retries of it."""

    task: asyncio.Task[List[str]]
    pushed: bool = False
    rest_sent: bool = False
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class TurnRunner:
    """Runs pushed messages once and decides between a passive reply and a push."""

    def __init__(
        self,
        budget_s: float,
        client: Optional[CustomerServiceClient] = None,
        shared: Optional[SharedState] = None,
    ) -> None:
        self.client = client
        self.shared = shared if shared is not None else SharedState(LocalMemory())
        self.wait_s = budget_s if client else WAIT_WITHOUT_PUSH_S
        self.turns: ExpiringDict[Turn] = ExpiringDict(TURN_MEMORY_S)
        self._background: Set[asyncio.Task[None]] = set()

    def spawn(self, coroutine: Awaitable[None]) -> None:
        """Run a background coroutine, keeping a reference until it ends."""
        task = asyncio.ensure_future(coroutine)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def run(self, key: str, sender: str, ask: Ask) -> Optional[List[str]]:
        """The parts to reply with now, or None to answer ``success``.

        ``ask`` is called once per key (the first time it arrives in any process that
        shares the memory; again only if the process running it died). More than one part
        comes back only without an AppSecret (nothing can be pushed): the caller offers
        the rest. With one, the rest is pushed.
        """
        turn = self.turns.get(key)
        if turn is None:
            if not await self.shared.claim(key):
                return await self.remote_reply(key, sender, ask)
            turn = self._start(key, ask)
        return await self._reply(key, sender, turn)

    def _start(self, key: str, ask: Ask) -> Turn:
        """Run ``ask`` here, holding the claim until it ends and then sharing its reply."""
        turn = Turn(asyncio.ensure_future(ask()))
        self.turns.set(key, turn)
        self.spawn(self._hold(key, turn.task))
        return turn

    async def _hold(self, key: str, task: asyncio.Task[List[str]]) -> None:
        """Renew the claim while the turn runs; publish the reply when it is done."""
        try:
            while not task.done():
                await asyncio.wait({task}, timeout=LEASE_S / 3)
                if not task.done():
                    await self.shared.renew(key)
            if not task.cancelled() and task.exception() is None:
                await self.shared.publish(key, task.result())
        except MemoryUnavailable:
            logger.exception("shared wechat state unavailable while holding %s", key)

    async def _reply(self, key: str, sender: str, turn: Turn) -> Optional[List[str]]:
        """Wait within the budget for a turn run here; reply, or hand it to the API."""
        if turn.pushed:
            return None
        done, _ = await asyncio.wait({turn.task}, timeout=self.wait_s)
        async with turn.lock:
            if turn.pushed:
                return None
            if not done:
                return await self._push_later(key, sender, turn)
            parts = turn.task.result()
            if len(parts) > 1 and not turn.rest_sent:
                turn.rest_sent = True
                if self.client is None:
                    return parts
                self.spawn(self.push(sender, turn.task, 1))
            return parts[:1]

    async def _push_later(self, key: str, sender: str, turn: Turn) -> None:
        """Hand a slow turn to the customer-service API (when there is an AppSecret)."""
        if self.client is None:
            return None
        turn.pushed = True
        await self.shared.mark_pushed(key)
        turn.task.add_done_callback(lambda task: self.spawn(self.push(sender, task, 0)))
        return None

    async def remote_reply(self, key: str, sender: str, ask: Ask) -> Optional[List[str]]:
        """A retry of a push another process claimed: its reply, or the turn taken over.

        When the claim lapses (the process holding it died), this process claims the push
        and runs it.
        """
        deadline = time.monotonic() + self.wait_s
        while time.monotonic() < deadline:
            if await self.shared.pushed(key):
                return None
            parts = await self.shared.result(key)
            if parts:
                return parts[:1]
            if not await self.shared.claimed(key) and await self.shared.claim(key):
                logger.warning("wechat push %s taken over from a process that stopped", key)
                return await self._reply(key, sender, self._start(key, ask))
            await asyncio.sleep(0.05)
        return None

    async def push(self, sender: str, task: asyncio.Task[List[str]], start: int) -> None:
        """Send the parts of a finished turn from ``start`` on through the customer-service API."""
        assert self.client is not None
        try:
            parts = task.result()
        except Exception:
            logger.exception("wechat turn failed for %s", sender)
            return
        for part in parts[start:]:
            if part == TRANSFER:
                logger.warning("wechat handoff for %s came too late to pass on", sender)
                continue
            try:
                await self.client.send_text(sender, part)
            except Exception:
                logger.exception("customer-service send to %s failed", sender)
                return

    async def notify(self, sender: str, text: str) -> None:
        """Send one text through the customer-service API; a failure is logged."""
        assert self.client is not None
        try:
            await self.client.send_text(sender, text)
        except Exception:
            logger.exception("customer-service notice to %s failed", sender)
