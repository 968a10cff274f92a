"""WeChat turn state every process (and, with Redis, every instance) agrees on.

Which process runs a pushed message (the first to claim its key), the finished reply (for
retries that reach another process), whether it was pushed, and the access token; kept in
the channel's memory (:mod:`bot.channels.memory`). A claim is a lease: its holder renews
it while the turn runs, so the claim of a process that died lapses in a few seconds and
the platform's next retry runs the message elsewhere.
"""

from __future__ import annotations

import json
from typing import List, Optional

from bot.channels.memory import Memory

TURN_TTL_S = 600
LEASE_S = 4.0  # a running turn's claim lapses this long after its holder stopped renewing


class SharedState:
    """Claims, results and flags, keyed by a push's de-duplication key."""

    def __init__(self, memory: Memory) -> None:
        self.memory = memory

    async def claim(self, key: str) -> bool:
        """True for the one caller (across processes) that should run this push now."""
        return await self.memory.add(f"claim:{key}", "running", LEASE_S)

    async def renew(self, key: str) -> None:
        """Keep the claim of a turn still running."""
        await self.memory.put(f"claim:{key}", "running", LEASE_S)

    async def publish(self, key: str, parts: List[str]) -> None:
        """Store a finished reply for the other processes; the claim then holds for good."""
        await self.memory.put(f"result:{key}", json.dumps(parts), TURN_TTL_S)
        await self.memory.put(f"claim:{key}", "done", TURN_TTL_S)

    async def result(self, key: str) -> Optional[List[str]]:
        """The finished reply of a push, if there is one yet."""
        raw = await self.memory.get(f"result:{key}")
        return json.loads(raw) if raw else None

    async def claimed(self, key: str) -> bool:
        """Whether some process holds (or finished) the push."""
        return await self.memory.get(f"claim:{key}") is not None

    async def mark_pushed(self, key: str) -> bool:
        """True for the one caller that takes over sending the reply by the API."""
        return await self.memory.add(f"pushed:{key}", "1", TURN_TTL_S)

    async def pushed(self, key: str) -> bool:
        """Whether the reply of a push is (being) sent by the API."""
        return await self.memory.get(f"pushed:{key}") is not None

    async def cached_token(self) -> Optional[str]:
        """The shared access token, if one is cached."""
        return await self.memory.get("access_token")

    async def cache_token(self, token: str, ttl_s: int) -> None:
        """Share an access token until shortly before it expires."""
        await self.memory.put("access_token", token, max(ttl_s, 1))
