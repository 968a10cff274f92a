"""Per-process state of the channel: expiring entries, pending choices, continuations.

Kept in memory with a time-to-live. (Sharing it across processes through Redis is the
scale-out path; see the README's deployment notes.)
"""

from __future__ import annotations

import time
from typing import Dict, Generic, List, Optional, Tuple, TypeVar

from bot.channels.wechat.render import Choice

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

    def __init__(self, ttl_s: float = 3600.0) -> None:
        self.choices: ExpiringDict[List[Choice]] = ExpiringDict(ttl_s)
        self.continuations: ExpiringDict[List[str]] = ExpiringDict(ttl_s)
