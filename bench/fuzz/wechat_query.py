"""WeChat query strings under a right body, and the platform's GET handshake."""

from __future__ import annotations

import random
from typing import Optional
from urllib.parse import quote

from bench.fuzz.probe import WECHAT, Case, Probe, with_query
from bench.fuzz.state import State
from bench.fuzz.wechat_push import (
    Push,
    now,
    odd_timestamp,
    push_of,
    push_probe,
    replace_pair,
    signed_pairs,
    stale_timestamp,
)
from bench.fuzz.wechat_xml import valid_inner
from harness.wechat_peer import nonce

PERCENT_JUNK = ("%zz", "%", "%E4%B8", "%FF", "%00", "+", "%2B", "%20")


def query_case(rng: random.Random, state: State) -> Case:
    """A right body under a mutated query string (POST), or the handshake (GET)."""
    if rng.random() < 0.3:
        return handshake_case(rng, state)
    push = push_of(state, valid_inner(rng, state))
    pick = rng.randrange(9)
    if pick == 0:
        name, value = odd_timestamp(rng)
        odd = push_of(state, valid_inner(rng, state), value)
        return [push_probe(state, f"query-{name}", odd, bad=True)]
    if pick == 1:
        return [repeated_parameter(rng, state, push)]
    if pick == 2:
        return [missing_parameter(rng, state, push)]
    if pick == 3:
        return [without_value(state, push, pick_parameter(rng, push), "")]
    if pick == 4:
        return [odd_nonce(rng, state)]
    if pick == 5:
        return [percent_junk(rng, state, push)]
    if pick == 6:
        pairs = [(k.capitalize() if k == "signature" else k, v) for k, v in push.pairs]
        return [push_probe(state, "capitalised-signature-name", Push(pairs, push.body), bad=True)]
    if pick == 7:
        junk = [(f"p{i}", "x" * rng.randint(0, 20)) for i in range(rng.choice((10, 500, 2_000)))]
        return [push_probe(state, "many-parameters", Push(push.pairs + junk, push.body), expect="")]
    extra = rng.choice(
        (("encrypt_type", "aes"), ("encrypt_type", "raw"), ("openid", "o1"), ("msg_signature", "0"))
    )
    # In safe mode the extra msg_signature repeats the right one: either answer will do.
    return [push_probe(state, f"extra-{extra[0]}", Push(push.pairs + [extra], push.body))]


def repeated_parameter(rng: random.Random, state: State, push: Push) -> Probe:
    """One parameter twice, the right value first or last."""
    name = pick_parameter(rng, push)
    right = dict(push.pairs)[name]
    other = rng.choice(("", "0", "abc", right, stale_timestamp(rng)))
    first, second = (right, other) if rng.random() < 0.5 else (other, right)
    pairs = [(k, v) for k, v in push.pairs if k != name] + [(name, first), (name, second)]
    return push_probe(state, f"repeated-{name}", Push(pairs, push.body), expect="")


def missing_parameter(rng: random.Random, state: State, push: Push) -> Probe:
    """One or all parameters left out."""
    if rng.random() < 0.15:
        return push_probe(state, "no-query", Push([], push.body), bad=True)
    return without_value(state, push, pick_parameter(rng, push), None)


def without_value(state: State, push: Push, name: str, value: Optional[str]) -> Probe:
    """``push`` with parameter ``name`` empty ("") or left out (None).

    Without a signature, msg_signature or timestamp the push is bad; without a nonce it
    is due a 4xx, but may be answered.
    """
    bad = name in ("signature", "timestamp", "msg_signature")
    expect = "4xx" if bad or name == "nonce" else ""
    kind = f"{'missing' if value is None else 'empty'}-{name}"
    pairs = replace_pair(push.pairs, name, value)
    return push_probe(state, kind, Push(pairs, push.body), bad=bad, expect=expect)


def pick_parameter(rng: random.Random, push: Push) -> str:
    """The name of one of the push's query parameters."""
    return rng.choice([k for k, _ in push.pairs])


def odd_nonce(rng: random.Random, state: State) -> Probe:
    """A long or non-ASCII nonce, rightly signed."""
    value = rng.choice(("n" * 5_000, "随机", "😀", "a b", "<x>", "0" * 64, "-1"))
    push = push_of(state, valid_inner(rng, state), n=value)
    return push_probe(state, "odd-nonce", push, expect="")


def percent_junk(rng: random.Random, state: State, push: Push) -> Probe:
    """Broken percent-encoding in one parameter."""
    name = pick_parameter(rng, push)
    junk = rng.choice(PERCENT_JUNK)
    parts = []
    for key, value in push.pairs:
        encoded = quote(value, safe="")
        parts.append(f"{key}={encoded + junk if key == name else encoded}")
    # A changed signed value breaks the signature (a trailing space might be stripped).
    signed = ("signature", "timestamp", "nonce", "msg_signature")
    bad = name in signed and junk not in ("%20", "+")
    path = f"{WECHAT}?{'&'.join(parts)}"
    return Probe(f"percent-junk-in-{name}", "POST", path, push.body, bad=bad)


HANDSHAKE_ECHOES = ("echo123", "5924616410256786377", "abcDEF-_")
ODD_ECHOES = ("<script>x</script>", "回声", "e" * 5_000, "", "%00")


def handshake_case(rng: random.Random, state: State) -> Case:
    """The platform's GET check, right or wrong."""
    timestamp, n, echo = now(), nonce(), rng.choice(HANDSHAKE_ECHOES)
    pick = rng.randrange(7)
    kind, bad, expect = "valid", False, "2xx"
    if pick == 1:
        kind, bad, expect, timestamp = "stale", True, "4xx", stale_timestamp(rng)
    elif pick == 2:
        (kind, timestamp), bad, expect = odd_timestamp(rng), True, "4xx"
    elif pick == 3:
        kind, expect, echo = "odd-echostr", "", rng.choice(ODD_ECHOES)
    pairs = signed_pairs(timestamp, n) + [("echostr", echo)]
    if pick == 4:
        kind, bad, expect = "forged", True, "4xx"
        pairs = replace_pair(pairs, "signature", rng.choice(("0" * 40, "", None)))
    elif pick == 5:
        kind, expect = "repeated-parameters", ""
        pairs = pairs + [("echostr", "second"), ("timestamp", "1")]
    elif pick == 6:
        kind, expect = "no-echostr", ""
        pairs = replace_pair(pairs, "echostr", None)
    path = with_query(WECHAT, pairs)
    return [Probe(f"handshake-{kind}", "GET", path, bad=bad, expect=expect)]


QUERY_GENERATORS = ((query_case, 1.0),)
