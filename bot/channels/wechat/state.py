"""What the channel keeps between pushes: running turns (this process), choices, continuations.

Running turns hold asyncio tasks and stay in this process (:class:`ExpiringDict`); what a
user may answer next lives in the channel's memory (:class:`Conversations`).
"""

from __future__ import annotations

import json
import time
from typing import Dict, Generic, List, Optional, Tuple, TypeVar

from bot.channels.memory import LocalMemory, Memory
from bot.channels.wechat.render import chosen_number, split_by_bytes
from bot.replies import Button

T = TypeVar("T")


class ExpiringDict(Generic[T]):
    """A dict whose entries vanish ``ttl_s`` seconds after they were set."""

    def __init__(self, ttl_s: float) -> None:
        self._ttl_s = ttl_s
        self._items: Dict[str, Tuple[float, T]] = {}

    def get(self, key: str) -> Optional[T]:
        """The live value for ``key``, or None."""
        item = self._items.get(key)
        if item is None or item[0] < time.monotonic():
            self._items.pop(key, None)
            return None
        return item[1]

    def set(self, key: str, value: T) -> None:
        """Store ``value`` for the time-to-live; drop expired entries now and then."""
        if len(self._items) > 10_000:
            now = time.monotonic()
            self._items = {k: v for k, v in self._items.items() if v[0] >= now}
        self._items[key] = (time.monotonic() + self._ttl_s, value)

    def pop(self, key: str) -> Optional[T]:
        """Remove and return the live value for ``key``."""
        value = self.get(key)
        self._items.pop(key, None)
        return value


class Conversations:
    """What a user may answer next: numbered choices and a stored continuation.

    Kept in the channel's memory (:mod:`bot.channels.memory`): with a shared one, the "2"
    or "更多" may reach any process.
    """

    def __init__(
        self, max_reply_bytes: int = 2048, ttl_s: float = 3600.0, memory: Optional[Memory] = None
    ) -> None:
        self.max_reply_bytes = max_reply_bytes
        self.ttl_s = ttl_s
        self.memory = memory if memory is not None else LocalMemory()

    async def offer(self, sender: str, choices: List[Button]) -> None:
        """Remember the numbered choices of the latest reply (forget older ones)."""
        if choices:
            data = [[c.title, c.intent, [list(pair) for pair in c.entities]] for c in choices]
            await self.memory.put(f"choices:{sender}", json.dumps(data), self.ttl_s)
        else:
            await self.memory.take(f"choices:{sender}")

    async def chosen(self, sender: str, text: str) -> Optional[Button]:
        """The choice a bare number picks from the latest numbered choices, if it does."""
        number = chosen_number(text)
        if number is None:
            return None
        raw = await self.memory.get(f"choices:{sender}")
        choices = json.loads(raw) if raw else []
        if not 1 <= number <= len(choices):
            return None
        await self.memory.take(f"choices:{sender}")
        title, intent, entities = choices[number - 1]
        return Button(title, intent, tuple((name, value) for name, value in entities))

    async def with_more_hint(self, sender: str, parts: List[str], hint: str) -> str:
        """First part plus the "reply 更多" hint; the rest kept for that reply."""
        room = self.max_reply_bytes - len(hint.encode("utf-8")) - 2
        first, *rest = split_by_bytes("\n".join(parts), room)
        await self.memory.put(f"more:{sender}", json.dumps(rest), self.ttl_s)
        return f"{first}\n\n{hint}"

    async def next_part(self, sender: str, hint: str) -> Optional[str]:
        """The next stored part (with the hint again if more remain); None if none is kept."""
        raw = await self.memory.take(f"more:{sender}")
        rest = json.loads(raw) if raw else []
        if not rest:
            return None
        return await self.with_more_hint(sender, rest, hint) if len(rest) > 1 else rest[0]

    async def hand_over(self, sender: str, hold_s: float) -> None:
        """Remember that ``sender`` was passed to staff, for ``hold_s`` seconds."""
        await self.memory.put(f"staff:{sender}", "1", hold_s)

    async def with_staff(self, sender: str) -> bool:
        """Whether ``sender`` was passed to staff within the hold."""
        return await self.memory.get(f"staff:{sender}") is not None

    async def forget(self, sender: str) -> None:
        """Drop everything kept for ``sender``."""
        for kind in ("choices", "more", "staff"):
            await self.memory.take(f"{kind}:{sender}")
