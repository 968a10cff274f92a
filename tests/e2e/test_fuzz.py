"""A seeded slice of `make fuzz` (bench/fuzz/) against the shared test assistants.

The full run sends 10,000 inputs and watches memory; this slice sends a few hundred
(REST, web chat and plaintext WeChat to the plain-mode server; safe-mode WeChat and
ciphertext to the safe-mode one) and checks what must never happen: a 5xx, a dead server,
a bad WeChat push admitted, an answer slower than 5 s.
"""

from __future__ import annotations

import asyncio

import pytest

from bench.fuzz import DEFAULT_SEED, CaseSource, failure_lines, fuzz

SLICE = {"plain": 300, "safe": 200}
SLICE_SECONDS = 90.0


@pytest.mark.parametrize("mode", ["plain", "safe"])
def test_fuzz_slice_finds_no_failure(request, mode):
    if mode == "plain":
        url = request.getfixturevalue("assistant_url")
    else:
        url, _ = request.getfixturevalue("safe_wechat")
    tally = asyncio.run(fuzz(url, mode, SLICE[mode], seed=DEFAULT_SEED, seconds=SLICE_SECONDS))
    details = "\n".join(failure_lines(tally, limit=10))
    assert tally.complete and tally.inputs >= SLICE[mode], f"only {tally.inputs} inputs sent"
    assert tally.server_errors == 0, details
    assert tally.crashes == 0, details
    assert tally.admitted == 0, details
    assert tally.slow == 0, details


def outline(mode: str, cases: int) -> list:
    source = CaseSource(DEFAULT_SEED, mode)
    return [
        (p.kind, p.method, p.bad, p.expect, len(p.body))
        for _ in range(cases)
        for p in source.next_case()
    ]


@pytest.mark.parametrize("mode", ["plain", "safe"])
def test_inputs_follow_the_seed_and_cover_every_family(mode):
    first = outline(mode, 400)
    assert first == outline(mode, 400)
    families = {kind.split("/")[0] for kind, *_ in first}
    expected = {"wechat-envelope", "wechat-inner", "wechat-query"}
    expected |= {"rest", "webchat"} if mode == "plain" else {"ciphertext"}
    assert families == expected
    assert any(bad for _, _, bad, _, _ in first)
