"""Bot messages to WeChat text: joined, buttons numbered, CDATA-safe, split by bytes."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Sequence, Tuple

from wechatpy.replies import TextReply, TransferCustomerServiceReply

from bot.channels.payloads import button_from
from bot.replies import Button

# A turn's reply that passes the message to the account's staff instead of answering it.
TRANSFER = "<transfer_customer_service/>"
# The key of a bot message's custom payload that asks for a person (``actions.py``).
HANDOFF_KEY = "handoff"
CDATA_END = "]]>"
CDATA_END_ESCAPED = "]]]]><![CDATA[>"
_SENTENCE_END = re.compile(r"(?<=[。；！？!?;\n])")
_NUMBER = re.compile(r"^\s*([0-9０-９]{1,2})\s*[.。、]?\s*$")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def join_messages(messages: Sequence[Dict[str, Any]], choose_hint: str) -> Tuple[str, List[Button]]:
    """All texts of a turn in one reply; buttons as a numbered list the user can answer.

    Buttons whose payload is not Rasa's ``/intent{...}`` (none of ours) are left out.
    """
    texts = [m["text"].strip() for m in messages if (m.get("text") or "").strip()]
    buttons = (
        button_from(str(b.get("title", "")), str(b.get("payload", "")))
        for m in messages
        for b in m.get("buttons") or []
    )
    choices = [button for button in buttons if button is not None]
    if choices:
        numbered = "\n".join(f"{i}. {c.title}" for i, c in enumerate(choices, start=1))
        texts.append(f"{numbered}\n{choose_hint}".strip())
    return "\n\n".join(texts), choices


def chosen_number(text: str) -> int | None:
    """The number a user typed to pick a choice ("2", "２", "2."), else None."""
    match = _NUMBER.match(text.translate(_FULL_WIDTH_DIGITS))
    return int(match.group(1)) if match else None


def split_by_bytes(text: str, max_bytes: int) -> List[str]:
    """Split ``text`` into parts of at most ``max_bytes`` UTF-8 bytes.

    Parts end at a line end where possible, else at a sentence end, else between
    characters, so no word or number is cut.
    """
    parts: List[str] = []
    current = ""
    for piece in _pieces(text, max_bytes):
        if current and _size(current + piece) > max_bytes:
            parts.append(current.rstrip("\n"))
            current = ""
        current += piece
    if current.strip():
        parts.append(current.rstrip("\n"))
    return parts


def _pieces(text: str, max_bytes: int) -> List[str]:
    pieces: List[str] = []
    for line in text.splitlines(keepends=True):
        if _size(line) <= max_bytes:
            pieces.append(line)
            continue
        for sentence in _SENTENCE_END.split(line):
            while _size(sentence) > max_bytes:
                cut = _fit(sentence, max_bytes)
                pieces.append(sentence[:cut])
                sentence = sentence[cut:]
            if sentence:
                pieces.append(sentence)
    return pieces


def _fit(text: str, max_bytes: int) -> int:
    size, index = 0, 0
    for index, char in enumerate(text):
        size += len(char.encode("utf-8"))
        if size > max_bytes:
            return max(index, 1)
    return len(text)


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def cdata_safe(text: str) -> str:
    """``text`` with every ``]]>`` split so that it stays inside its CDATA section."""
    return text.replace(CDATA_END, CDATA_END_ESCAPED)


def text_reply_xml(to_user: str, from_account: str, content: str, create_time: int) -> str:
    """A passive text reply (wechatpy), every field kept inside its CDATA section."""
    reply = TextReply(
        target=cdata_safe(to_user),
        source=cdata_safe(from_account),
        content=cdata_safe(content),
        time=create_time,
    )
    return reply.render()


def transfer_reply_xml(to_user: str, from_account: str, create_time: int) -> str:
    """A passive reply that passes the message to customer-service staff (wechatpy)."""
    reply = TransferCustomerServiceReply(
        target=cdata_safe(to_user), source=cdata_safe(from_account), time=create_time
    )
    return reply.render()


def handoff_asked(messages: Sequence[Dict[str, Any]]) -> bool:
    """Whether a turn's bot messages pass the person to staff (a custom ``handoff``)."""
    return any(isinstance(m.get("custom"), dict) and m["custom"].get(HANDOFF_KEY) for m in messages)
