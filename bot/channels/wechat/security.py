"""Request checks: signatures in constant time, fresh timestamps, no replays, sane bodies.

DOCTYPE and entity refusal is the XML reader's job (``fields.py``), for any encoding.
"""

from __future__ import annotations

import hmac
import re
import time
from typing import Optional

from wechatpy.utils import WeChatSigner

from bot.channels.memory import LocalMemory, Memory

_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_NONCE = re.compile(r"[A-Za-z0-9_-]{1,64}")


class Refused(Exception):
    """A request that must not reach the assistant, with its HTTP status."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def signature_of(*parts: str) -> str:
    """WeChat's SHA-1 signature of the sorted parts (wechatpy's signer)."""
    signer = WeChatSigner()
    signer.add_data(*parts)
    return signer.signature


def signature_matches(expected: str, given: Optional[str]) -> bool:
    """Compare signatures in constant time."""
    return bool(given) and hmac.compare_digest(expected.encode(), str(given).encode())


def check_signature(token: str, signature: Optional[str], timestamp: str, nonce: str) -> None:
    """Refuse (403) unless ``signature`` signs token, timestamp and nonce."""
    if not signature_matches(signature_of(token, timestamp, nonce), signature):
        raise Refused(403, "bad signature")


def check_timestamp(timestamp: Optional[str], max_skew_s: int, now: Optional[float] = None) -> None:
    """Refuse a missing or malformed timestamp (400) or one more than ``max_skew_s`` off (403)."""
    if not timestamp or not _TIMESTAMP.fullmatch(timestamp):
        raise Refused(400, "missing or malformed timestamp")
    now = time.time() if now is None else now
    if abs(now - int(timestamp)) > max_skew_s:
        raise Refused(403, "stale timestamp")


def check_body(body: bytes, max_bytes: int) -> None:
    """Refuse empty and oversized bodies."""
    if not body or not body.strip():
        raise Refused(400, "empty body")
    if len(body) > max_bytes:
        raise Refused(413, "body too large")


def utf8_text(body: bytes) -> str:
    """The body as text; Refused (400) unless it is UTF-8, the only encoding WeChat uses."""
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Refused(400, "body is not UTF-8") from error


class ReplayGuard:
    """Remembers (timestamp, nonce) pairs for twice the clock-skew window; refuses repeats.

    The pairs live in the channel's memory (:mod:`bot.channels.memory`), so a push replayed
    to another worker or instance is refused there too when that memory is shared.
    """

    def __init__(self, window_s: int, memory: Optional[Memory] = None) -> None:
        self._window_s = window_s
        self._memory = memory if memory is not None else LocalMemory()

    async def check(self, timestamp: str, nonce: Optional[str]) -> None:
        """Refuse (403) a pair seen before; remember it otherwise."""
        if not nonce or not _NONCE.fullmatch(nonce):
            raise Refused(400, "missing or malformed nonce")
        fresh = await self._memory.add(f"nonce:{timestamp}:{nonce}", "1", 2 * self._window_s)
        if not fresh:
            raise Refused(403, "replayed nonce")
