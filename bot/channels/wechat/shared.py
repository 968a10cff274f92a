"""WeChat channel state shared by several instances through Redis.

Which instance runs a pushed message (the first to claim its key), the finished reply
(for retries that reach another instance), whether it was pushed, and the access token.
Without ``WECHAT_REDIS_URL`` the channel keeps all of this in process memory.
"""

from __future__ import annotations

import json
from typing import List, Optional

import redis.asyncio as redis

TURN_TTL_S = 600
PREFIX = "wechat:"


class SharedState:
    """Redis-backed claims, results and flags, keyed by a push's de-duplication key."""

    def __init__(self, url: str) -> None:
        self._redis = redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)

    async def claim(self, key: str) -> bool:
        """True for the one caller (across instances) that should run this push."""
        return bool(await self._redis.set(f"{PREFIX}claim:{key}", "1", nx=True, ex=TURN_TTL_S))

    async def publish(self, key: str, parts: List[str]) -> None:
        """Store a finished reply for the other instances."""
        await self._redis.set(f"{PREFIX}result:{key}", json.dumps(parts), ex=TURN_TTL_S)

    async def result(self, key: str) -> Optional[List[str]]:
        """The finished reply of a push, if there is one yet."""
        raw = await self._redis.get(f"{PREFIX}result:{key}")
        return json.loads(raw) if raw else None

    async def mark_pushed(self, key: str) -> bool:
        """True for the one caller that takes over sending the reply by the API."""
        return bool(await self._redis.set(f"{PREFIX}pushed:{key}", "1", nx=True, ex=TURN_TTL_S))

    async def pushed(self, key: str) -> bool:
        """Whether the reply of a push is (being) sent by the API."""
        return bool(await self._redis.exists(f"{PREFIX}pushed:{key}"))

    async def cached_token(self) -> Optional[str]:
        """The shared access token, if one is cached."""
        raw = await self._redis.get(f"{PREFIX}access_token")
        return raw.decode() if raw else None

    async def cache_token(self, token: str, ttl_s: int) -> None:
        """Share an access token until shortly before it expires."""
        await self._redis.set(f"{PREFIX}access_token", token, ex=max(ttl_s, 1))
