"""WeChat envelopes: signatures, timestamps, replays, DTDs, bodies and methods around a push."""

from __future__ import annotations

import random
from typing import Tuple

from bench.fuzz.probe import Case, Probe
from bench.fuzz.state import State
from bench.fuzz.wechat_push import (
    Push,
    now,
    odd_timestamp,
    plain_push,
    push_of,
    push_probe,
    replace_pair,
    safe_push,
    stale_timestamp,
)
from bench.fuzz.wechat_xml import valid_inner
from harness.wechat_peer import nonce, sign


def envelope_valid(rng: random.Random, state: State) -> Case:
    """A right push."""
    return [push_probe(state, "valid", push_of(state, valid_inner(rng, state)), expect="2xx")]


def envelope_forged(rng: random.Random, state: State) -> Case:
    """A wrong or missing signature (msg_signature too, in safe mode).

    The right signature in capitals is not forged: either answer will do for it.
    """
    push = push_of(state, valid_inner(rng, state))
    name = rng.choice(["signature", "msg_signature"] if state.mode == "safe" else ["signature"])
    right = dict(push.pairs)[name]
    value = rng.choice(
        (None, "", "0" * 40, "f" * 40, sign("other-token", now(), "1"), right[:-1], right + "0")
    )
    kind, bad = f"{'missing' if value is None else 'forged'}-{name}", True
    if rng.random() < 0.1:
        kind, bad, value = f"capitals-{name}", False, right.upper()
    pairs = replace_pair(push.pairs, name, value)
    return [push_probe(state, kind, Push(pairs, push.body), bad=bad)]


def envelope_stale(rng: random.Random, state: State) -> Case:
    """A timestamp more than 300 s off, rightly signed."""
    push = push_of(state, valid_inner(rng, state), timestamp=stale_timestamp(rng))
    return [push_probe(state, "stale-timestamp", push, bad=True)]


def envelope_odd_timestamp(rng: random.Random, state: State) -> Case:
    """A non-numeric or otherwise odd timestamp, rightly signed."""
    name, value = odd_timestamp(rng)
    push = push_of(state, valid_inner(rng, state), timestamp=value)
    return [push_probe(state, name, push, bad=True)]


def envelope_replay(rng: random.Random, state: State) -> Case:
    """A right push, then the same (timestamp, nonce) again with the same or another body."""
    timestamp, n = now(), nonce()
    first = push_of(state, valid_inner(rng, state), timestamp, n)
    same = rng.random() < 0.5
    second = first if same else push_of(state, valid_inner(rng, state), timestamp, n)
    kind = "replayed-push" if same else "replayed-nonce-new-body"
    return [
        push_probe(state, "valid", first, expect="2xx"),
        push_probe(state, kind, second, bad=True),
    ]


DTD_SNIPPETS = (
    '<!DOCTYPE xml [<!ENTITY e "x">]>',
    "<!DOCTYPE xml>",
    '<!DOCTYPE x SYSTEM "file:///etc/passwd">',
    '<!ENTITY e "x">',
    "<!ENTITY % p SYSTEM 'http://127.0.0.1:9/'>",
)


def with_dtd(rng: random.Random, xml: str) -> Tuple[str, str]:
    """``xml`` with a DOCTYPE or ENTITY declaration somewhere: where, and the text.

    In a comment or in CDATA the declaration is only text (a user may type it): those
    places are named "text-in-…" and may be answered.
    """
    snippet = rng.choice(DTD_SNIPPETS)
    where = rng.randrange(5)
    if where == 0:
        return "prolog", snippet + xml
    if where == 1:
        return "after-declaration", '<?xml version="1.0"?>' + snippet + xml
    if where == 2:
        return "text-in-cdata", xml.replace("<![CDATA[", "<![CDATA[" + snippet, 1)
    if where == 3:
        return "after-root", xml + snippet
    return "text-in-comment", xml.replace("<xml>", f"<xml><!-- {snippet} -->", 1)


def envelope_dtd(rng: random.Random, state: State) -> Case:
    """DOCTYPE/ENTITY in the body, or (safe mode) around the ciphertext.

    A declaration must be refused; the same words as text in a comment or CDATA may be
    answered.
    """
    inner = valid_inner(rng, state).decode("utf-8")
    if state.mode == "safe" and rng.random() < 0.5:
        push = push_of(state, inner.encode("utf-8"))
        where, body = with_dtd(rng, push.body.decode("utf-8"))
        push, where = Push(push.pairs, body.encode()), f"{where}-envelope"
    elif rng.random() < 0.1:
        where, xml = with_dtd(rng, inner)
        push, where = push_of(state, xml.encode("utf-16")), f"{where}-utf16"
    else:
        where, xml = with_dtd(rng, inner)
        push = push_of(state, xml.encode("utf-8"))
    bad = not where.startswith("text-")
    return [push_probe(state, f"dtd-{where}", push, bad=bad)]


MALFORMED_BODIES = (
    b"",
    b" \n\t",
    b"not xml",
    b"<xml>",
    b"<xml><Content>x</xml>",
    b"\x00" * 32,
    b"\xff\xfe<\x00x\x00",
    b"\xc3\x28\xa0\xa1",
    b"<xml/>",
    b"<xml></xml>",
    b'{"ToUserName": "gh"}',
)


def envelope_malformed(rng: random.Random, state: State) -> Case:
    """Empty, malformed, non-UTF-8 or oversized bodies under a right signature."""
    push = push_of(state, b"<xml/>")
    pick = rng.random()
    if pick < 0.2:
        size = rng.choice((64 * 1024 + 1, 200_000, 1_000_000))
        body = b"<xml><Content><![CDATA[" + b"x" * size + b"]]></Content></xml>"
        return [push_probe(state, "oversized-body", Push(push.pairs, body), expect="4xx")]
    body = rng.choice(MALFORMED_BODIES)
    if state.mode == "safe" and rng.random() < 0.4:
        body = rng.choice(
            (
                b"<xml><Encrypt></Encrypt></xml>",
                b"<xml><ToUserName>gh</ToUserName></xml>",
                b"<xml><Encrypt><a>b</a></Encrypt></xml>",
                b"<xml><Encrypt><![CDATA[" + b"A" * 64,
            )
        )
    return [push_probe(state, "malformed-body", Push(push.pairs, body), expect="4xx")]


def envelope_mode_mismatch(rng: random.Random, state: State) -> Case:
    """A safe-mode push to the plain server, or a plaintext push to the safe server."""
    inner = valid_inner(rng, state)
    if state.mode == "safe":
        push = plain_push(inner)
        pairs = push.pairs + [("encrypt_type", rng.choice(("raw", "aes", "")))]
        return [push_probe(state, "plaintext-to-safe-server", Push(pairs, push.body), bad=True)]
    return [push_probe(state, "ciphertext-to-plain-server", safe_push(inner), expect="")]


def envelope_method(rng: random.Random, state: State) -> Case:
    """A push with another method, or an odd content type."""
    push = push_of(state, valid_inner(rng, state))
    if rng.random() < 0.5:
        method = rng.choice(("PUT", "DELETE", "PATCH"))
        return [push_probe(state, "wrong-method", push, expect="4xx", method=method)]
    probe = push_probe(state, "odd-content-type", push, expect="")
    headers = (
        ("Content-Type", rng.choice(("application/json", "text/plain", "multipart/form-data"))),
    )
    return [Probe(probe.kind, "POST", probe.path, probe.body, headers)]


ENVELOPE_GENERATORS = (
    (envelope_valid, 4.0),
    (envelope_forged, 1.5),
    (envelope_stale, 1.0),
    (envelope_odd_timestamp, 1.0),
    (envelope_replay, 1.0),
    (envelope_dtd, 1.0),
    (envelope_malformed, 1.0),
    (envelope_mode_mismatch, 0.4),
    (envelope_method, 0.4),
)
