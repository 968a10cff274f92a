"""Web chat sender ids issued and signed by the server, never chosen by the browser.

A session token is ``<random id>.<HMAC-SHA256 of the id, first 128 bits>``; the page keeps it in
localStorage and sends it with every message. Only a token this server (or another
instance with the same secret) issued is accepted, so nobody can continue a
conversation whose token they were not given. The secret is ``WEBCHAT_SECRET``, else a
random key kept in ``var/webchat.key`` (created on first use, readable by its owner only).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from pathlib import Path
from typing import Mapping, Optional

ROOT = Path(__file__).resolve().parents[3]
DEFAULT_KEY_FILE = ROOT / "var" / "webchat.key"
ID_BYTES = 16
SIGNATURE_BYTES = 16
MAX_TOKEN_CHARS = 64


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


class SessionIssuer:
    """Issues session tokens and tells which of them are genuine."""

    def __init__(self, secret: bytes) -> None:
        if len(secret) < 16:
            raise ValueError("the web chat secret must be at least 16 bytes")
        self._secret = secret

    def _signature(self, session_id: str) -> str:
        digest = hmac.new(self._secret, session_id.encode("ascii"), hashlib.sha256).digest()
        return _b64(digest[:SIGNATURE_BYTES])

    def issue(self) -> str:
        """A new token for a new conversation."""
        session_id = _b64(secrets.token_bytes(ID_BYTES))
        return f"{session_id}.{self._signature(session_id)}"

    def session_of(self, token: object) -> Optional[str]:
        """The session id a genuine token carries, else None (compared in constant time)."""
        if not isinstance(token, str) or len(token) > MAX_TOKEN_CHARS or not token.isascii():
            return None
        session_id, dot, signature = token.partition(".")
        if not dot or not session_id:
            return None
        if not hmac.compare_digest(self._signature(session_id), signature):
            return None
        return session_id


def load_secret(env: Mapping[str, str] = os.environ, key_file: Path = DEFAULT_KEY_FILE) -> bytes:
    """``WEBCHAT_SECRET``, else the key file's secret (made on first use)."""
    configured = env.get("WEBCHAT_SECRET", "").strip()
    if configured:
        return configured.encode("utf-8")
    try:
        return key_file.read_bytes()
    except FileNotFoundError:
        pass
    key_file.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_bytes(32)
    draft = key_file.with_name(f"{key_file.name}.{secrets.token_hex(4)}")
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(secret)
    try:
        os.link(draft, key_file)  # atomic: exactly one worker's key wins
    except FileExistsError:
        secret = key_file.read_bytes()
    finally:
        draft.unlink()
    return secret
