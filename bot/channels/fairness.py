"""A fair share for everyone: at most so many messages per sender and per client address.

A sliding window per key (a conversation id, or a client address on REST and the web
page) kept in the channels' memory (:mod:`bot.channels.memory`: shared by the ``make run``
workers, or by every instance through Redis; in this process alone it holds at most
``MAX_KEYS`` keys, so a flood of made-up senders cannot grow memory). Past the
limit a message gets ``utter_rate_limited`` without running the model. Limits come
from ``ASSISTANT_RATE_PER_SENDER`` and ``ASSISTANT_RATE_PER_ADDRESS`` as
``<messages>/<seconds>`` (``0`` turns a limit off). The per-sender default is far above
what a person types; the per-address limit is off unless set, since many people can share
one address (a proxy, an office's NAT).
"""

from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import dataclass
from typing import Callable, Optional

from bot.channels.memory import LocalMemory, Memory, MemoryUnavailable, memory_from_env

logger = logging.getLogger(__name__)

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
    """Counts each key's recent messages in the channel memory; admits while under the rate.

    With a shared memory (the ``make run`` workers' file, Redis) every process counts the
    same messages; two messages of one key at the same instant may both be counted as the
    first (the window is read, then written), which errs on the side of the person.
    """

    def __init__(
        self,
        name: str,
        rate: Rate,
        memory: Optional[Memory] = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.name = name
        self.rate = rate
        self.memory = memory if memory is not None else LocalMemory(max_keys=MAX_KEYS)
        self.clock = clock

    async def admit(self, key: str) -> bool:
        """Record a message from ``key``; False when it is over the rate.

        When the memory cannot be reached the message is admitted (and logged): a limit
        that cannot be counted must not silence everyone.
        """
        slot = f"rate:{self.name}:{key}"
        now = self.clock()
        try:
            raw = await self.memory.get(slot)
            times = [t for t in json.loads(raw) if now - t < self.rate.seconds] if raw else []
            admitted = len(times) < self.rate.messages
            if admitted:
                times.append(now)
                await self.memory.put(slot, json.dumps(times), self.rate.seconds)
        except MemoryUnavailable:
            logger.exception("fair-share window unavailable; %s admitted", self.name)
            return True
        return admitted


class FairShare:
    """The per-sender and per-address windows."""

    def __init__(
        self,
        per_sender: Optional[Rate],
        per_address: Optional[Rate],
        memory: Optional[Memory] = None,
    ) -> None:
        memory = memory if memory is not None else LocalMemory(max_keys=MAX_KEYS)
        self.senders = SlidingWindow("sender", per_sender, memory) if per_sender else None
        self.addresses = SlidingWindow("address", per_address, memory) if per_address else None

    @classmethod
    def from_environment(cls) -> FairShare:
        """Limits from ``ASSISTANT_RATE_PER_SENDER`` / ``ASSISTANT_RATE_PER_ADDRESS``.

        Counted in the channels' memory (:func:`bot.channels.memory.memory_from_env`).
        """
        sender = os.environ.get("ASSISTANT_RATE_PER_SENDER", DEFAULT_PER_SENDER)
        address = os.environ.get("ASSISTANT_RATE_PER_ADDRESS", DEFAULT_PER_ADDRESS)
        return cls(
            parse_rate(sender, DEFAULT_PER_SENDER),
            parse_rate(address, DEFAULT_PER_ADDRESS),
            memory_from_env(),
        )

    async def sender_admitted(self, conversation: str) -> bool:
        """Whether a message of this conversation is within its share."""
        return self.senders is None or await self.senders.admit(conversation)

    async def address_admitted(self, address: str) -> bool:
        """Whether a request from this client address is within its share."""
        return self.addresses is None or await self.addresses.admit(address or "?")


_shared: Optional[FairShare] = None


def fair_share() -> FairShare:
    """The limits of this process, read from the environment once."""
    global _shared
    if _shared is None:
        _shared = FairShare.from_environment()
    return _shared
