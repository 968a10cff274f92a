"""Per-process state of the channel: expiring entries, pending choices, continuations.

Kept in memory with a time-to-live. (Sharing it across processes through Redis is the
scale-out path; see the README's deployment notes.)
"""

from __future__ import annotations

import time
from typing import Dict, Generic, List, Optional, Tuple, TypeVar

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
    """What a user may answer next: numbered choices and a stored continuation."""

    def __init__(self, max_reply_bytes: int = 2048, ttl_s: float = 3600.0) -> None:
        self.max_reply_bytes = max_reply_bytes
        self.choices: ExpiringDict[List[Button]] = ExpiringDict(ttl_s)
        self.continuations: ExpiringDict[List[str]] = ExpiringDict(ttl_s)

    def offer(self, sender: str, choices: List[Button]) -> None:
        """Remember the numbered choices of the latest reply (forget older ones)."""
        if choices:
            self.choices.set(sender, choices)
        else:
            self.choices.pop(sender)

    def chosen(self, sender: str, text: str) -> Optional[Button]:
        """The choice a bare number picks from the latest numbered choices, if it does."""
        number = chosen_number(text)
        choices = self.choices.get(sender)
        if number is None or not choices or not 1 <= number <= len(choices):
            return None
        self.choices.pop(sender)
        return choices[number - 1]

    def with_more_hint(self, sender: str, parts: List[str], hint: str) -> str:
        """First part plus the "reply 更多" hint; the rest kept for that reply."""
        room = self.max_reply_bytes - len(hint.encode("utf-8")) - 2
        first, *rest = split_by_bytes("\n".join(parts), room)
        self.continuations.set(sender, rest)
        return f"{first}\n\n{hint}"

    def next_part(self, sender: str, hint: str) -> Optional[str]:
        """The next stored part (with the hint again if more remain); None if none is kept."""
        rest = self.continuations.pop(sender)
        if not rest:
            return None
        return self.with_more_hint(sender, rest, hint) if len(rest) > 1 else rest[0]

    def forget(self, sender: str) -> None:
        """Drop everything kept for ``sender``."""
        self.choices.pop(sender)
        self.continuations.pop(sender)
