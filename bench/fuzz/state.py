"""What the generators remember between the inputs of one run."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Callable, List

from bench.fuzz.probe import Case
from bench.fuzz.text import random_openid, random_sender


@dataclass
class State:
    """What the generators remember between inputs of one run."""

    rng: random.Random
    mode: str
    senders: List[str] = field(default_factory=list)
    openids: List[str] = field(default_factory=list)
    tokens: List[str] = field(default_factory=list)
    # For choices among server-issued tokens, whose number depends on timing: keeps the
    # main generator's sequence a function of the seed alone.
    side: random.Random = field(default_factory=random.Random)

    def __post_init__(self) -> None:
        """A bounded pool of users, so that the run measures leaks, not conversations."""
        self.side = random.Random(self.rng.random())
        self.senders = [random_sender(self.rng) for _ in range(100)]
        self.openids = [random_openid(self.rng) for _ in range(100)]


Generator = Callable[[random.Random, State], Case]
