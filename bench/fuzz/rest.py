"""REST inputs: valid questions and bodies that are too long, malformed or of the wrong kind."""

from __future__ import annotations

import json
import random
from typing import Dict, Sequence, Tuple

from bench.fuzz.probe import JSON, REST, Case, Probe, json_bytes, post_json, with_query
from bench.fuzz.state import State
from bench.fuzz.text import (
    ALPHABET,
    MAX_CHARS,
    SLASH_COMMANDS,
    clean_phrase,
    lone_surrogate,
    question,
)

REST_BODY_LIMIT = 8 * 1024
NOT_OBJECTS = (b"[]", b'"x"', b"null", b"1", b"true", b'[{"sender": "a", "message": "b"}]', b"{}")


BAD_SENDERS: Tuple[object, ...] = (
    *("", "a" * 65, "a b", "a/b", "rest:abc", "webchat:abc", "wechat:oABC", "用户", "a\u0000b"),
    *("a\nb", "../x", 1, 1.5, None, True, ["a"], {"id": "a"}),
)


BAD_MESSAGES: Tuple[object, ...] = ("", 1, 0, None, False, ["你好"], {"text": "你好"}, 1e308)


BAD_CONTENT_TYPES = (
    *("", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"),
    *("application/xml", "application/jsonx", "json", "application/octet-stream"),
)


GOOD_CONTENT_TYPES = ("application/json; charset=utf-8", "application/json;charset=UTF-8")


MALFORMED_JSON = (
    *(b'{"sender": "a", "message": "b"', b'{"sender": "a", "message": "b",}'),
    *(b"{'sender': 'a', 'message': 'b'}", b'{"sender": "a", "message": NaN}'),
    *(b'{"sender": "a", "message": Infinity}', b'{"sender": "a", "message": "\xff\xfe"}'),
    *(b'\xef\xbb\xbf{"sender": "a", "message": "b"}', b'{"sender": "a", "message": "b"} trailing'),
    *(b'{"sender": "a", "message": "\\x41"}', b'{"sender": "a", "message": "\x00"}'),
    *(b"", b" ", b"{", b"\x00" * 64),
)


def deep_json(rng: random.Random) -> bytes:
    """Nesting deep enough to trouble a recursive parser, under the size limit."""
    depth = rng.choice((1_000, 3_000, 4_000))
    inner = "[" * depth + "]" * depth
    return f'{{"sender": "a", "message": "b", "metadata": {inner}}}'.encode()


def huge_number_json(rng: random.Random) -> bytes:
    """An integer of thousands of digits (Python's int parsing has a digit limit)."""
    digits = "9" * rng.choice((4_301, 5_000, 7_000))
    fields = {"sender": '"a"', "message": '"b"', rng.choice(("sender", "message", "x")): digits}
    return ("{" + ", ".join(f'"{k}": {v}' for k, v in fields.items()) + "}").encode()


def rest_valid(rng: random.Random, state: State) -> Case:
    """A well-formed question."""
    body = json_bytes({"sender": rng.choice(state.senders), "message": clean_phrase(rng)}, rng)
    return [post_json("rest/valid", REST, body, "2xx", reply="json")]


def rest_long(rng: random.Random, state: State) -> Case:
    """A message over 300 characters: a polite answer, or 413 over 8 KiB."""
    text = rng.choice(ALPHABET + "a😀") * rng.randint(MAX_CHARS + 1, 4_000)
    body = json_bytes({"sender": rng.choice(state.senders), "message": text}, rng)
    return [long_message("rest/over-300-chars", REST, body)]


def rest_huge(rng: random.Random, state: State) -> Case:
    """A body over 8 KiB."""
    size = rng.choice((REST_BODY_LIMIT + 1, 20_000, 100_000, 1_000_000))
    text = "x" * size
    body = json.dumps({"sender": rng.choice(state.senders), "message": text}).encode()
    return [post_json("rest/over-8-KiB", REST, body, "4xx")]


def rest_not_object(rng: random.Random, state: State) -> Case:
    """JSON that is not an object."""
    return [post_json("rest/not-an-object", REST, rng.choice(NOT_OBJECTS), "4xx")]


def rest_bad_sender(rng: random.Random, state: State) -> Case:
    """A missing or invalid sender."""
    return bad_field(rng, "rest/bad-sender", {"message": question(rng)}, "sender", BAD_SENDERS)


def rest_bad_message(rng: random.Random, state: State) -> Case:
    """A missing, empty or non-string message."""
    payload: Dict[str, object] = {"sender": rng.choice(state.senders)}
    return bad_field(rng, "rest/bad-message", payload, "message", BAD_MESSAGES)


def bad_field(
    rng: random.Random, kind: str, payload: Dict[str, object], name: str, values: Sequence[object]
) -> Case:
    """``payload`` with ``name`` left out (15 %) or set to one of ``values``."""
    if rng.random() < 0.85:
        payload[name] = rng.choice(values)
    return [post_json(kind, REST, json_bytes(payload, rng), "4xx")]


def rest_blank(rng: random.Random, state: State) -> Case:
    """A message of whitespace only (empty after stripping: either answer is fine)."""
    text = "".join(rng.choice(" \t\n\u3000\u200b") for _ in range(rng.randint(1, 10)))
    body = json_bytes({"sender": rng.choice(state.senders), "message": text}, rng)
    return [post_json("rest/blank-message", REST, body, "")]


def rest_surrogates(rng: random.Random, state: State) -> Case:
    """Lone surrogates (as JSON escapes) in the message (replaced, answered) or the sender (400)."""
    text = question(rng) + lone_surrogate(rng)
    payload, expect = {"sender": rng.choice(state.senders), "message": text}, "2xx"
    if rng.random() < 0.3:
        payload = {"sender": "a" + lone_surrogate(rng), "message": question(rng)}
        expect = "4xx"
    body = json.dumps(payload, ensure_ascii=True).encode()
    return [post_json("rest/lone-surrogate", REST, body, expect)]


def rest_content_type(rng: random.Random, state: State) -> Case:
    """A valid body with another content type (or none)."""
    body = json_bytes({"sender": rng.choice(state.senders), "message": question(rng)}, rng)
    if rng.random() < 0.25:
        headers = (("Content-Type", rng.choice(GOOD_CONTENT_TYPES)),)
        return [post_json("rest/json-charset", REST, body, "2xx", headers=headers, reply="json")]
    return [wrong_content_type(rng, "rest/wrong-content-type", REST, body)]


def wrong_content_type(rng: random.Random, kind: str, path: str, body: bytes) -> Probe:
    """``body`` sent with a content type other than JSON (or none)."""
    value = rng.choice(BAD_CONTENT_TYPES)
    headers = (("Content-Type", value),) if value else ()
    return post_json(kind, path, body, "4xx", headers=headers)


def long_message(kind: str, path: str, body: bytes) -> Probe:
    """A message over 300 characters: a polite answer, or 413 when the body is over 8 KiB."""
    return post_json(kind, path, body, "2xx" if len(body) <= REST_BODY_LIMIT else "4xx")


def rest_malformed(rng: random.Random, state: State) -> Case:
    """Bodies that are not JSON, or JSON that strains the parser."""
    pick = rng.random()
    if pick < 0.2:
        return [post_json("rest/deep-json", REST, deep_json(rng), "")]
    if pick < 0.35:
        return [post_json("rest/huge-integer", REST, huge_number_json(rng), "4xx")]
    if pick < 0.45:
        body = b'{"sender": "a", "sender": "b", "message": "\xe4\xbd\xa0\xe5\xa5\xbd"}'
        return [post_json("rest/duplicate-keys", REST, body, "")]
    return [post_json("rest/malformed-json", REST, rng.choice(MALFORMED_JSON), "4xx")]


def rest_commands(rng: random.Random, state: State) -> Case:
    """Slash commands (Rasa's intent syntax) as messages."""
    body = json_bytes(
        {"sender": rng.choice(state.senders), "message": rng.choice(SLASH_COMMANDS)}, rng
    )
    return [post_json("rest/slash-command", REST, body, "")]


def rest_extras(rng: random.Random, state: State) -> Case:
    """Extra fields, query parameters and headers around a valid question."""
    payload: Dict[str, object] = {"sender": rng.choice(state.senders), "message": question(rng)}
    extra = rng.choice(
        (
            {"metadata": {"x": "y" * 1000}},
            {"metadata": "not-an-object"},
            {"input_channel": "wechat"},
            {"stream": True},
            {"sender_id": "other"},
        )
    )
    payload.update(extra)
    pairs = rng.choice(((), (("stream", "true"),), (("stream", "maybe"),), (("token", "x"),)))
    headers = JSON + rng.choice(
        (
            (),
            (("Authorization", "Bearer not-a-token"),),
            (("Authorization", "Basic Zm9vOmJhcg=="),),
            (("X-Forwarded-For", "10.0.0.1"),),
        )
    )
    path = with_query(REST, pairs)
    return [post_json("rest/extras", path, json_bytes(payload, rng), "", headers=headers)]


def rest_method(rng: random.Random, state: State) -> Case:
    """Another method than POST."""
    method = rng.choice(("GET", "PUT", "DELETE", "PATCH"))
    return [Probe("rest/wrong-method", method, REST, b"{}", JSON, expect="4xx")]


REST_GENERATORS = (
    (rest_valid, 8.0),
    (rest_long, 1.0),
    (rest_huge, 0.6),
    (rest_not_object, 0.6),
    (rest_bad_sender, 1.0),
    (rest_bad_message, 0.8),
    (rest_blank, 0.3),
    (rest_surrogates, 0.5),
    (rest_content_type, 0.8),
    (rest_malformed, 1.0),
    (rest_commands, 0.6),
    (rest_extras, 0.6),
    (rest_method, 0.3),
)
