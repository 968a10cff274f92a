"""Bounds on what any channel accepts, checked before a message reaches the model.

- Request bodies: Sanic's own limit is lowered to the largest any channel needs
  (``MAX_REQUEST_BYTES``); the JSON channels accept far less (``MAX_JSON_BODY_BYTES``);
  a head whose body length is unclear is refused before any body is read.
- Messages: one line (breaks as spaces), no control characters, lone surrogates
  replaced, Rasa's reset commands read as words; text longer than
  ``max_message_chars()`` gets a polite reply from the guard without running the model.
- Senders: a short id of plain characters, namespaced by channel
  (``conversation_id``) so that no channel can reach another's conversations.
"""

from __future__ import annotations

import logging
import os
import re
import unicodedata
from typing import Any, Tuple

from sanic import Blueprint, Sanic, response
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)

# WeChat pushes are at most a few KiB; 64 KiB is the most any route reads.
MAX_REQUEST_BYTES = 64 * 1024
# REST and web chat bodies: a question and a sender id.
MAX_JSON_BODY_BYTES = 8 * 1024
DEFAULT_MAX_MESSAGE_CHARS = 300
SENDER = re.compile(r"[A-Za-z0-9_.@-]{1,64}")
_LENGTH = re.compile(rb"[0-9]{1,15}")
# Line and paragraph breaks and tabs become spaces (a message is one line in any log).
_SPACES = {"\n", "\r", "\t", "\u2028", "\u2029", "\x0b", "\x0c", "\x85"}
# Rasa's built-in commands that rewind or reset a conversation and answer nothing; typed
# by a user they are read as words instead (our own buttons never send them). Rasa reads
# "/ restart" and "/\u3000back" as these commands too: its intent name is stripped.
_COMMAND = re.compile(r"/(?P<intent>[^{@]+)")
CONTROL_INTENTS = frozenset({"restart", "back", "session_start"})


class BadInput(ValueError):
    """A request a channel refuses, with its HTTP status and a short reason."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def max_message_chars() -> int:
    """The longest message the model is run on (``ASSISTANT_MAX_MESSAGE_CHARS``)."""
    raw = os.environ.get("ASSISTANT_MAX_MESSAGE_CHARS", "").strip()
    valid = raw.isascii() and raw.isdigit() and len(raw) <= 5 and int(raw) > 0
    return int(raw) if valid else DEFAULT_MAX_MESSAGE_CHARS


def conversation_id(channel: str, sender: str) -> str:
    """The tracker key of ``sender`` on ``channel``: ``"wechat:oAbc…"``."""
    return f"{channel}:{sender}"


def valid_sender(sender: Any) -> str:
    """``sender`` if it is a plain id of 1-64 characters; BadInput (400) otherwise."""
    if not isinstance(sender, str) or not SENDER.fullmatch(sender):
        raise BadInput(400, "sender must be 1-64 letters, digits or . _ @ -")
    return sender


def clean_text(text: str) -> str:
    """``text`` on one line: breaks as spaces, no control characters, no lone surrogates."""
    if text.isprintable():
        return text
    text = text.encode("utf-8", "replace").decode("utf-8")
    kept = (c for c in text if c in _SPACES or unicodedata.category(c) != "Cc")
    return "".join(" " if c in _SPACES else c for c in kept)


def without_control_commands(text: str) -> str:
    """``text``, except that ``/restart``, ``/back`` and ``/session_start`` lose their slash."""
    stripped = text.strip()
    match = _COMMAND.match(stripped)
    if match and match.group("intent").strip() in CONTROL_INTENTS:
        return stripped[1:]
    return text


def read_json_message(request: Request, max_bytes: int = MAX_JSON_BODY_BYTES) -> Tuple[str, str]:
    """``(sender, message)`` of a JSON request; BadInput with a 4xx status otherwise."""
    if (request.content_type or "").split(";")[0].strip().lower() != "application/json":
        raise BadInput(415, "Content-Type must be application/json")
    body = request.body or b""
    if len(body) > max_bytes:
        raise BadInput(413, f"body larger than {max_bytes} bytes")
    try:
        payload = request.json
    except Exception as error:
        raise BadInput(400, "body must be JSON") from error
    if not isinstance(payload, dict):
        raise BadInput(400, "body must be a JSON object")
    sender = valid_sender(payload.get("sender"))
    message = payload.get("message")
    if not isinstance(message, str) or not message.strip():
        raise BadInput(400, "message must be non-empty text")
    message = clean_text(message)
    if not message.strip():
        raise BadInput(400, "message must be non-empty text")
    return sender, message


def check_framing(head: bytes) -> None:
    """Refuse (ValueError) a request head whose body length is unclear.

    Sanic 21.12 takes a negative ``Content-Length`` as a body it never finishes reading
    (the server then spins and answers no one), and accepts two lengths, or a length
    with ``Transfer-Encoding``, which a proxy in front may read otherwise (smuggling).
    One plain decimal length, or ``Transfer-Encoding: chunked`` alone, is accepted.
    """
    fields = [line.partition(b":") for line in head.split(b"\r\n")[1:]]
    values = [(name.strip().lower(), value.strip().lower()) for name, _, value in fields]
    lengths = [value for name, value in values if name == b"content-length"]
    encodings = [value for name, value in values if name == b"transfer-encoding"]
    if len(lengths) > 1 or (lengths and encodings) or len(encodings) > 1:
        raise ValueError("ambiguous body length")
    if lengths and not _LENGTH.fullmatch(lengths[0]):
        raise ValueError("malformed Content-Length")
    if encodings and encodings != [b"chunked"]:
        raise ValueError("unsupported Transfer-Encoding")


def harden(blueprint: Blueprint, channel: str) -> None:
    """Every guard a channel's routes need: body limit, framing check, contained errors."""
    contain_errors(blueprint, channel)

    @blueprint.listener("before_server_start")
    async def lower_limit(app: Sanic, _: Any) -> None:
        app.config.REQUEST_MAX_SIZE = min(app.config.REQUEST_MAX_SIZE, MAX_REQUEST_BYTES)

    # Raised here, an error makes Sanic answer 400 before it reads any body.
    @blueprint.signal("http.lifecycle.read_head")
    async def refuse_unclear_framing(head: bytes) -> None:
        check_framing(head)


def contain_errors(blueprint: Blueprint, channel: str) -> None:
    """Answer an unexpected error on ``blueprint`` with a bare 500 and one log line.

    Sanic's default handler logs the whole URL (which may hold signatures); this one
    logs the channel and the error's type, and keeps Sanic's own 4xx errors as they are.
    """

    @blueprint.exception(Exception)
    async def answer_error(request: Request, error: Exception) -> HTTPResponse:
        if isinstance(error, SanicException):  # Sanic's own: a body too slow, too large, …
            # A body that stops arriving is the client's fault: 408, not Sanic's 503.
            status = 408 if error.status_code == 503 else error.status_code
            logger.info("%s: %s (%d)", channel, type(error).__name__, status)
            return response.text(str(error.args[0] if error.args else ""), status=status)
        logger.error("%s: %s while handling a request", channel, type(error).__name__)
        return response.text("internal error", status=500)
