"""Safe-mode ciphertext: garbage, truncated, bit-flipped, foreign key or AppID."""

from __future__ import annotations

import base64
import random
from typing import Tuple

from bench.fuzz.probe import Case, Probe
from bench.fuzz.state import State
from bench.fuzz.text import OPENID_CHARS
from bench.fuzz.wechat_push import Push, envelope, now, push_probe, seal, sealed_push
from bench.fuzz.wechat_xml import valid_inner
from harness.wechat_peer import APPID, nonce


def flip_bit(rng: random.Random, data: bytes) -> bytes:
    """``data`` with one bit flipped anywhere."""
    index = rng.randrange(len(data))
    return data[:index] + bytes([data[index] ^ (1 << rng.randrange(8))]) + data[index + 1 :]


def random_ciphertext(rng: random.Random, inner: bytes, right: str) -> Tuple[str, str]:
    """Random bytes of block and odd sizes, base64-encoded."""
    size = rng.choice((0, 1, 15, 16, 32, 48, 100, 512, 4_096))
    return "random-ciphertext", base64.b64encode(rng.randbytes(size)).decode()


def non_base64(rng: random.Random, inner: bytes, right: str) -> Tuple[str, str]:
    """Text that is not base64 (or badly padded)."""
    return "non-base64-ciphertext", rng.choice(
        ("!!!!", "AAAA====", "A", "数据", "AAAA AAAA", right[:-2] + "%%")
    )


def truncated(rng: random.Random, inner: bytes, right: str) -> Tuple[str, str]:
    """The right ciphertext cut short."""
    raw = base64.b64decode(right)
    cut = rng.choice((16, 32, len(raw) // 2, len(raw) - 16, len(raw) - 1))
    return "truncated-ciphertext", base64.b64encode(raw[:cut]).decode()


def bit_flip_resigned(rng: random.Random, inner: bytes, right: str) -> Tuple[str, str]:
    """One bit of the AppID or of the padding length flipped (CBC: in the block before).

    The plaintext is 16 random bytes, the length, the XML, the AppID and PKCS#7 padding
    to 32 bytes; a flip there always leaves the AppID wrong. (A flip elsewhere may only
    change padding bytes nobody reads, and then the message is the original one.)
    """
    raw = bytearray(base64.b64decode(right))
    appid_at = 20 + len(inner)
    target = rng.choice((rng.randrange(appid_at, appid_at + len(APPID)), len(raw) - 1))
    raw[target - 16] ^= 1 << rng.randrange(8)
    return "bit-flip-resigned", base64.b64encode(bytes(raw)).decode()


def wrong_appid(rng: random.Random, inner: bytes, right: str) -> Tuple[str, str]:
    """The push encrypted for another AppID (wechatpy)."""
    appid = rng.choice(
        ("wx_some_other_app", "", APPID[:-1], APPID.upper(), APPID + "x", "wx" + "0" * 16)
    )
    return "wrong-appid", seal(inner, appid)


def wrong_key(rng: random.Random, inner: bytes, right: str) -> Tuple[str, str]:
    """The push encrypted with another EncodingAESKey."""
    key = "".join(rng.choice(OPENID_CHARS[:62]) for _ in range(43))
    return "wrong-aes-key", seal(inner, APPID, key)


CIPHERTEXTS = (random_ciphertext, non_base64, truncated, bit_flip_resigned, wrong_appid, wrong_key)


def cipher_case(rng: random.Random, state: State) -> Case:
    """Garbage, truncated, bit-flipped, foreign-key or foreign-AppID ciphertext.

    Every signature is right over the ciphertext sent, except for one kind: a bit flipped
    after the platform signed the original.
    """
    inner = valid_inner(rng, state)
    timestamp, n, right = now(), nonce(), seal(inner)
    pick = rng.randrange(len(CIPHERTEXTS) + 2)
    if pick == len(CIPHERTEXTS):
        flipped = base64.b64encode(flip_bit(rng, base64.b64decode(right))).decode()
        push = Push(sealed_push(right, timestamp, n).pairs, envelope(flipped))
        return [push_probe(state, "bit-flip-original-signature", push, bad=True)]
    if pick > len(CIPHERTEXTS):
        return [two_encrypts(rng, state, inner, timestamp, n)]
    kind, encrypted = CIPHERTEXTS[pick](rng, inner, right)
    return [push_probe(state, kind, sealed_push(encrypted, timestamp, n), bad=True)]


def two_encrypts(rng: random.Random, state: State, inner: bytes, timestamp: str, n: str) -> Probe:
    """Two Encrypt elements, signed over the first (either answer is acceptable)."""
    right = seal(inner)
    push = sealed_push(right, timestamp, n)
    other = f"<Encrypt><![CDATA[{base64.b64encode(rng.randbytes(64)).decode()}]]></Encrypt>"
    body = push.body.replace(b"</xml>", other.encode() + b"</xml>")
    return push_probe(state, "two-encrypt-elements", Push(push.pairs, body), expect="")


CIPHER_GENERATORS = ((cipher_case, 1.0),)
