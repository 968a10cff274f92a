"""The mix of input families per server mode, and the seeded source of cases."""

from __future__ import annotations

import random
from dataclasses import replace
from typing import Dict, Tuple

from bench.fuzz.ciphertext import CIPHER_GENERATORS
from bench.fuzz.probe import Case, Probe
from bench.fuzz.rest import REST_GENERATORS
from bench.fuzz.state import Generator, State
from bench.fuzz.webchat import WEBCHAT_GENERATORS, issued_token
from bench.fuzz.wechat_envelope import ENVELOPE_GENERATORS
from bench.fuzz.wechat_inner import INNER_GENERATORS
from bench.fuzz.wechat_query import QUERY_GENERATORS

DEFAULT_SEED = 1729
MAX_TOKENS = 40


FAMILIES: Dict[str, Tuple[Tuple[Generator, float], ...]] = {
    "rest": REST_GENERATORS,
    "webchat": WEBCHAT_GENERATORS,
    "wechat-envelope": ENVELOPE_GENERATORS,
    "wechat-inner": INNER_GENERATORS,
    "wechat-query": QUERY_GENERATORS,
    "ciphertext": CIPHER_GENERATORS,
}


MIX = {
    "plain": {
        "rest": 3.0,
        "webchat": 2.5,
        "wechat-envelope": 1.5,
        "wechat-inner": 1.5,
        "wechat-query": 1.0,
    },
    "safe": {"wechat-envelope": 1.5, "wechat-inner": 1.5, "wechat-query": 1.0, "ciphertext": 1.5},
}


class CaseSource:
    """Endless cases for a server in one mode, from ``random.Random`` seeded by (seed, mode).

    Cases are built one at a time, just before they are sent, so that their timestamps are
    fresh; the sequence of generator choices depends on the seed alone.
    """

    def __init__(self, seed: int, mode: str) -> None:
        self.rng = random.Random(f"{seed}:{mode}")
        self.state = State(self.rng, mode)
        self.families, self.weights = zip(*MIX[mode].items(), strict=True)

    def next_case(self) -> Case:
        """The next case, its kinds prefixed with the input family."""
        family = self.rng.choices(self.families, self.weights)[0]
        generators, weights = zip(*FAMILIES[family], strict=True)
        generator = self.rng.choices(generators, weights)[0]
        return [tagged(probe, family) for probe in generator(self.rng, self.state)]

    def keep_token(self, body: bytes) -> None:
        """Remember the sender token of a web chat session answer."""
        token = issued_token(body)
        if token and len(self.state.tokens) < MAX_TOKENS:
            self.state.tokens.append(token)


def tagged(probe: Probe, family: str) -> Probe:
    """``probe`` with its kind prefixed by ``family`` (where it is not already)."""
    if probe.kind.startswith(f"{family}/"):
        return probe
    return replace(probe, kind=f"{family}/{probe.kind}")
