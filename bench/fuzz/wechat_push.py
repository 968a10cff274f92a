"""Signed (and encrypted) WeChat pushes, and the timestamps the platform never sends."""

from __future__ import annotations

import base64
import random
import time
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from bench.fuzz.probe import WECHAT, Probe, with_query
from bench.fuzz.state import State
from harness.wechat_peer import AES_KEY, APPID, TOKEN, nonce, sign

MAX_SKEW_S = 300


def now() -> str:
    """The current Unix time as the platform sends it."""
    return str(int(time.time()))


def aes_key_bytes(aes_key: str) -> bytes:
    """The 32-byte key of an EncodingAESKey."""
    return base64.b64decode(aes_key + "=")


def seal(inner: bytes, appid: str = APPID, aes_key: str = AES_KEY) -> str:
    """The Encrypt value of a safe-mode push (wechatpy)."""
    from wechatpy.crypto import PrpCrypto

    return PrpCrypto(aes_key_bytes(aes_key)).encrypt(inner, appid).decode("ascii")


def envelope(encrypted: str) -> bytes:
    """The outer XML of a safe-mode push."""
    return (
        f"<xml><ToUserName><![CDATA[gh_test]]></ToUserName>"
        f"<Encrypt><![CDATA[{encrypted}]]></Encrypt></xml>"
    ).encode()


@dataclass
class Push:
    """The query pairs and body of a WeChat push."""

    pairs: List[Tuple[str, str]]
    body: bytes


def signed_pairs(timestamp: str, nonce_value: str, token: str = TOKEN) -> List[Tuple[str, str]]:
    """signature, timestamp, nonce as the platform sends them."""
    return [
        ("signature", sign(token, timestamp, nonce_value)),
        ("timestamp", timestamp),
        ("nonce", nonce_value),
    ]


def plain_push(inner: bytes, timestamp: Optional[str] = None, n: Optional[str] = None) -> Push:
    """A signed plaintext push."""
    timestamp = now() if timestamp is None else timestamp
    return Push(signed_pairs(timestamp, nonce() if n is None else n), inner)


def safe_push(
    inner: bytes,
    timestamp: Optional[str] = None,
    n: Optional[str] = None,
    appid: str = APPID,
    aes_key: str = AES_KEY,
) -> Push:
    """A signed, encrypted push (``appid``/``aes_key`` others to make a bad one)."""
    timestamp = now() if timestamp is None else timestamp
    n = nonce() if n is None else n
    encrypted = seal(inner, appid, aes_key)
    return sealed_push(encrypted, timestamp, n)


def sealed_push(encrypted: str, timestamp: str, n: str) -> Push:
    """A push carrying ``encrypted`` with every signature right over it."""
    pairs = signed_pairs(timestamp, n) + [
        ("encrypt_type", "aes"),
        ("msg_signature", sign(TOKEN, timestamp, n, encrypted)),
    ]
    return Push(pairs, envelope(encrypted))


def push_of(
    state: State, inner: bytes, timestamp: Optional[str] = None, n: Optional[str] = None
) -> Push:
    """A right push of ``inner`` for the run's mode (timestamp and nonce fresh unless given)."""
    if state.mode == "safe":
        return safe_push(inner, timestamp, n)
    return plain_push(inner, timestamp, n)


def push_probe(
    state: State, kind: str, push: Push, bad: bool = False, expect: str = "", method: str = "POST"
) -> Probe:
    """The request of a push; 200 answers of right pushes are read back."""
    reply = f"wechat-{state.mode}" if expect == "2xx" else ""
    path = with_query(WECHAT, push.pairs)
    return Probe(f"{kind}", method, path, push.body, bad=bad, expect=expect, reply=reply)


def replace_pair(
    pairs: List[Tuple[str, str]], name: str, value: Optional[str]
) -> List[Tuple[str, str]]:
    """``pairs`` with ``name`` set to ``value`` (dropped for None)."""
    if value is None:
        return [(k, v) for k, v in pairs if k != name]
    return [(k, value if k == name else v) for k, v in pairs]


NON_NUMERIC_TIMESTAMPS = ("abc", "", " ", "12.5", "1e9", "0x6553f100", "NaN", "²", "①", "null")


def shifted(timestamp: str, table: Dict[int, str]) -> str:
    """``timestamp`` with its digits written in another script."""
    return "".join(table[int(d)] for d in timestamp)


DIGIT_SCRIPTS = (
    dict(enumerate("０１２３４５６７８９")),  # full width
    dict(enumerate("٠١٢٣٤٥٦٧٨٩")),  # Arabic-Indic
    dict(enumerate("०१२३४५६७८९")),  # Devanagari
    dict(enumerate("𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗")),  # mathematical bold
)


def odd_timestamp(rng: random.Random) -> Tuple[str, str]:
    """A timestamp the platform never sends: its name and value."""
    current = now()
    pick = rng.randrange(6)
    if pick == 0:
        return "non-numeric-timestamp", rng.choice(NON_NUMERIC_TIMESTAMPS)
    if pick == 1:
        return "non-ascii-digit-timestamp", shifted(current, rng.choice(DIGIT_SCRIPTS))
    if pick == 2:
        return "superscript-timestamp", rng.choice(("²", "¹²³", "²" * 10, current[:-1] + "²"))
    if pick == 3:
        return "5000-digit-timestamp", rng.choice(("1" * 5_000, "9" * 4_301, "0" * 4_990 + current))
    if pick == 4:
        return "signed-timestamp", rng.choice(("+", "-", " ", "\t")) + current
    return "decorated-timestamp", current + rng.choice((".0", " ", "\n", "x", "\x00"))


def stale_timestamp(rng: random.Random) -> str:
    """A numeric timestamp more than 300 s away from now."""
    offset = rng.choice((MAX_SKEW_S + 5, 1_000, 86_400, 10**8))
    return str(max(int(time.time()) + rng.choice((-1, 1)) * offset, 0))
