"""A fair share for everyone: at most so many messages per sender and per client address.

A sliding window per key (a conversation id, or a client address on REST and the web
page) kept in this process's memory, for at most ``MAX_KEYS`` keys (the least recently
seen are forgotten first, so a flood of made-up senders cannot grow memory). Past the
limit a message gets ``utter_rate_limited`` without running the model. Limits come
from ``ASSISTANT_RATE_PER_SENDER`` and ``ASSISTANT_RATE_PER_ADDRESS`` as
``<messages>/<seconds>`` (``0`` turns a limit off). The per-sender default is far above
what a person types; the per-address limit is off unless set, since many people can share
one address (a proxy, an office's NAT).
"""

from __future__ import annotations

import os
import time
from collections import OrderedDict, deque
from dataclasses import dataclass
from typing import Callable, Deque, Optional

RATE_LIMITED_RESPONSE = "utter_rate_limited"
DEFAULT_PER_SENDER = "20/60"
# Off unless set: behind a proxy or a NAT (an office, a campus) many people share one address.
DEFAULT_PER_ADDRESS = "0"
MAX_KEYS = 50_000


@dataclass(frozen=True)
class Rate:
    """At most ``messages`` in any ``seconds``."""

    messages: int
    seconds: float


def parse_rate(raw: str, default: str) -> Optional[Rate]:
    """``"20/60"`` as a Rate, ``"0"`` as no limit; anything malformed reads as ``default``."""
    for text in (raw.strip(), default):
        if text == "0":
            return None
        parts = text.split("/")
        valid = len(parts) == 2 and all(
            p.isascii() and p.isdigit() and 0 < len(p) <= 6 and int(p) > 0 for p in parts
        )
        if valid:
            return Rate(int(parts[0]), float(parts[1]))
    return None


class SlidingWindow:
    """Counts each key's recent messages; admits while under the rate."""

    def __init__(self, rate: Rate, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self.clock = clock
        self.seen: OrderedDict[str, Deque[float]] = OrderedDict()

    def admit(self, key: str) -> bool:
        """Record a message from ``key``; False when it is over the rate."""
        now = self.clock()
        times = self.seen.pop(key, None) or deque()
        while times and now - times[0] >= self.rate.seconds:
            times.popleft()
        admitted = len(times) < self.rate.messages
        if admitted:
            times.append(now)
        self.seen[key] = times
        while len(self.seen) > MAX_KEYS:
            self.seen.popitem(last=False)
        return admitted


class FairShare:
    """The per-sender and per-address windows of this process."""

    def __init__(self, per_sender: Optional[Rate], per_address: Optional[Rate]) -> None:
        self.senders = SlidingWindow(per_sender) if per_sender else None
        self.addresses = SlidingWindow(per_address) if per_address else None

    @classmethod
    def from_environment(cls) -> FairShare:
        """Limits from ``ASSISTANT_RATE_PER_SENDER`` / ``ASSISTANT_RATE_PER_ADDRESS``."""
        sender = os.environ.get("ASSISTANT_RATE_PER_SENDER", DEFAULT_PER_SENDER)
        address = os.environ.get("ASSISTANT_RATE_PER_ADDRESS", DEFAULT_PER_ADDRESS)
        return cls(parse_rate(sender, DEFAULT_PER_SENDER), parse_rate(address, DEFAULT_PER_ADDRESS))

    def sender_admitted(self, conversation: str) -> bool:
        """Whether a message of this conversation is within its share."""
        return self.senders is None or self.senders.admit(conversation)

    def address_admitted(self, address: str) -> bool:
        """Whether a request from this client address is within its share."""
        return self.addresses is None or self.addresses.admit(address or "?")


_shared: Optional[FairShare] = None


def fair_share() -> FairShare:
    """The limits of this process, read from the environment once."""
    global _shared
    if _shared is None:
        _shared = FairShare.from_environment()
    return _shared
