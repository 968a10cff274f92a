"""``make fuzz``: seeded, bounded fuzzing of every channel, with the server's memory watched.

Two assistants in turn (``harness.servers``): WeChat channel in plain mode, then in safe
mode with ``harness.platform_stub`` for the platform API. Each gets its share of generated
inputs (REST, web chat, WeChat envelopes, inner XML, query strings, ciphertext); the run
counts 5xx answers, crashes, admitted bad pushes, slow replies and memory growth.

Inputs come from ``random.Random(seed)`` (timestamps and nonces aside), built one case
at a time by :class:`CaseSource`; ``tests/e2e/test_fuzz.py`` runs a slice of them.
"""

from bench.fuzz.cases import DEFAULT_SEED, CaseSource
from bench.fuzz.report import failure_lines
from bench.fuzz.runner import fuzz

__all__ = ["DEFAULT_SEED", "CaseSource", "failure_lines", "fuzz"]
