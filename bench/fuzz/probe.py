"""A probe (one request and what its answer should be), and how its parts are encoded."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from typing import List, Sequence, Tuple
from urllib.parse import quote

REST = "/webhooks/rest/webhook"
WEBCHAT = "/webhooks/webchat"
WECHAT = "/webhooks/wechat/webhook"


@dataclass(frozen=True)
class Probe:
    """One HTTP request and what its answer should be.

    ``bad``: a WeChat push (or handshake) that must be refused; an answer under 400
    counts as admitted. ``expect``: the status class the protocol calls for ("2xx",
    "4xx", or "" where either is fine); a difference is noted but is not a failure.
    ``reply``: how to read a 200 answer ("json", "wechat-plain", "wechat-safe" or "").
    """

    kind: str
    method: str
    path: str
    body: bytes = b""
    headers: Tuple[Tuple[str, str], ...] = ()
    bad: bool = False
    expect: str = ""
    reply: str = ""
    keep_token: bool = False

    @property
    def family(self) -> str:
        """The input family: the part of ``kind`` before the slash."""
        return self.kind.split("/", 1)[0]


Case = List[Probe]  # sent in order (a replay follows its original)


def query(pairs: Sequence[Tuple[str, str]]) -> str:
    """A query string, every name and value percent-encoded as UTF-8."""
    return "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs)


def with_query(path: str, pairs: Sequence[Tuple[str, str]]) -> str:
    """``path?query`` (just ``path`` without pairs)."""
    return f"{path}?{query(pairs)}" if pairs else path


def json_bytes(payload: object, rng: random.Random) -> bytes:
    """``payload`` as JSON, sometimes ASCII-escaped (always, with lone surrogates)."""
    text = json.dumps(payload, ensure_ascii=True)
    if rng.random() < 0.6:
        try:
            return json.dumps(payload, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            pass
    return text.encode("ascii")


JSON = (("Content-Type", "application/json"),)


def post_json(kind: str, path: str, body: bytes, expect: str, **extra: object) -> Probe:
    """A JSON POST."""
    headers = extra.pop("headers", JSON)
    return Probe(kind, "POST", path, body, headers, expect=expect, **extra)  # type: ignore[arg-type]
