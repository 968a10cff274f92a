"""Web chat inputs: sessions, issued and forged sender tokens, bad bodies, static files."""

from __future__ import annotations

import json
import random
from typing import Optional, Tuple
from urllib.parse import quote

from bench.fuzz.probe import JSON, WEBCHAT, Case, Probe, json_bytes, post_json
from bench.fuzz.rest import (
    BAD_MESSAGES,
    MALFORMED_JSON,
    NOT_OBJECTS,
    long_message,
    wrong_content_type,
)
from bench.fuzz.state import State
from bench.fuzz.text import (
    ALPHABET,
    MAX_CHARS,
    SENDER_CHARS,
    clean_phrase,
    code_point,
    lone_surrogate,
    question,
)

STATIC_NAMES = ("index.html", "chat.css", "chat.js")


def webchat_session(rng: random.Random, state: State) -> Case:
    """Ask for a sender token (sometimes with a stray body)."""
    body, headers = b"", ()
    if rng.random() < 0.3:
        body, headers = rng.choice((b"{}", b"junk", b'{"sender": "me"}')), JSON
    path = f"{WEBCHAT}/session"
    return [Probe("webchat/session", "POST", path, body, headers, expect="2xx", keep_token=True)]


def issued_token(body: bytes) -> Optional[str]:
    """The sender token in a session answer (None where there is none)."""
    try:
        token = json.loads(body).get("sender")
    except (ValueError, AttributeError):
        return None
    return token if isinstance(token, str) and token else None


def webchat_token(state: State) -> Tuple[str, str]:
    """An issued token if any (else a plain sender, for a server without sessions)."""
    if state.tokens:
        return state.side.choice(state.tokens), "2xx"
    return state.side.choice(state.senders).replace(".", "_").replace("@", "_"), ""


def webchat_valid(rng: random.Random, state: State) -> Case:
    """A question with an issued token."""
    sender, expect = webchat_token(state)
    body = json_bytes({"sender": sender, "message": clean_phrase(rng)}, rng)
    return [post_json("webchat/valid", f"{WEBCHAT}/webhook", body, expect, reply="json")]


def forged_token(state: State) -> str:
    """A sender token the server did not issue (from the side generator: it uses tokens)."""
    rng = state.side
    issued = rng.choice(state.tokens) if state.tokens else "a" * 40
    pick = rng.random()
    if pick < 0.3 and len(issued) > 2:
        index = rng.randrange(len(issued))
        swap = "A" if issued[index] != "A" else "B"
        return issued[:index] + swap + issued[index + 1 :]
    if pick < 0.45:
        return issued + rng.choice(("x", ".", "=", "0"))
    if pick < 0.55:
        return issued[: rng.randint(0, max(len(issued) - 1, 0))]
    if pick < 0.7:
        return "".join(rng.choice(SENDER_CHARS) for _ in range(rng.randint(1, 64)))
    return rng.choice(("rest:abc", "wechat:oABC", "webchat:x", "null", "0", ".", "a.b.c"))


def webchat_forged(rng: random.Random, state: State) -> Case:
    """A message with a token the server did not issue (or of the wrong type)."""
    sender: object = forged_token(state)
    if rng.random() < 0.1:
        sender = rng.choice((None, 1, ["a"], {"t": "a"}))
    body = json_bytes({"sender": sender, "message": question(rng)}, rng)
    return [post_json("webchat/forged-sender", f"{WEBCHAT}/webhook", body, "4xx")]


def webchat_malformed(rng: random.Random, state: State) -> Case:
    """Wrong content type, malformed or oversized bodies, bad messages."""
    sender, _ = webchat_token(state)
    pick = rng.random()
    path = f"{WEBCHAT}/webhook"
    if pick < 0.25:
        body = json_bytes({"sender": sender, "message": question(rng)}, rng)
        return [wrong_content_type(rng, "webchat/wrong-content-type", path, body)]
    if pick < 0.5:
        body = rng.choice(MALFORMED_JSON + NOT_OBJECTS)
        return [post_json("webchat/malformed", path, body, "4xx")]
    if pick < 0.65:
        text = "x" * rng.choice((9_000, 70_000))
        body = json.dumps({"sender": sender, "message": text}).encode()
        return [post_json("webchat/oversized", path, body, "4xx")]
    if pick < 0.8:
        text = rng.choice(ALPHABET) * rng.randint(MAX_CHARS + 1, 2_000)
        body = json_bytes({"sender": sender, "message": text}, rng)
        return [long_message("webchat/over-300-chars", path, body)]
    kind, payload = "webchat/bad-message", {"sender": sender, "message": rng.choice(BAD_MESSAGES)}
    expect = "4xx"
    if rng.random() < 0.3:  # a lone surrogate is replaced (U+FFFD), the message answered
        kind, payload["message"] = "webchat/lone-surrogate", question(rng) + lone_surrogate(rng)
        expect = "2xx"
    body = json.dumps(payload, ensure_ascii=True).encode()
    return [post_json(kind, path, body, expect)]


def static_name(rng: random.Random) -> str:
    """An unknown, odd, long or traversing file name, percent-encoded."""
    pick = rng.random()
    if pick < 0.3:
        length = rng.choice((1, 10, 255, 256, 1_000, 4_000, 6_000))
        name = "".join(rng.choice(SENDER_CHARS) for _ in range(length))
    elif pick < 0.5:
        name = rng.choice(("../index.html", "..", ".", "../../etc/passwd", "..\\chat.js"))
    elif pick < 0.6:
        name = rng.choice(STATIC_NAMES) + rng.choice(("\x00", "%00", "/", "?", "#", ".bak", " "))
    elif pick < 0.75:
        name = "".join(code_point(rng) for _ in range(rng.randint(1, 40)))
    elif pick < 0.85:
        return rng.choice(
            ("%zz", "%", "%E4%B8", "%FF%FE", "%2e%2e%2fchat.js", "..%2F..%2Fetc%2Fpasswd")
        )
    else:
        name = rng.choice(("chat.JS", "INDEX.HTML", ".hidden.js", "chat.js.map", "chat"))
    return quote(name, safe="")


def webchat_get(rng: random.Random, state: State) -> Case:
    """The page, its config, its files, and names it does not have."""
    pick = rng.random()
    if pick < 0.15:
        return [Probe("webchat/page", "GET", f"{WEBCHAT}/", expect="2xx")]
    if pick < 0.3:
        return [Probe("webchat/config", "GET", f"{WEBCHAT}/config", expect="2xx")]
    if pick < 0.45:
        name = rng.choice(STATIC_NAMES)
        return [Probe("webchat/static", "GET", f"{WEBCHAT}/static/{name}", expect="2xx")]
    path = f"{WEBCHAT}/static/{static_name(rng)}"
    return [Probe("webchat/unknown-static", "GET", path, expect="4xx")]


def webchat_method(rng: random.Random, state: State) -> Case:
    """Wrong methods on each route."""
    method, route = rng.choice(
        (("GET", "/webhook"), ("PUT", "/webhook"), ("GET", "/session"), ("POST", "/config"))
    )
    return [Probe("webchat/wrong-method", method, f"{WEBCHAT}{route}", expect="4xx")]


WEBCHAT_GENERATORS = (
    (webchat_session, 1.0),
    (webchat_valid, 6.0),
    (webchat_forged, 1.5),
    (webchat_malformed, 1.5),
    (webchat_get, 1.5),
    (webchat_method, 0.3),
)
