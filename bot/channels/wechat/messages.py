"""Turn a pushed message or event into what the assistant should do with it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from wechatpy import parse_message
from wechatpy.events import BaseEvent
from wechatpy.messages import BaseMessage

from bot.channels.wechat.menu import payload_for_key
from bot.channels.wechat.security import Refused

# What to do with an inbound push.
ASK = "ask"  # send `text` to the assistant
REPLY = "reply"  # answer with the domain response named in `text`
FORGET = "forget"  # delete the user's conversation; no reply
IGNORE = "ignore"  # answer "success", nothing else

# "unknown" is wechatpy's type for messages it has no class for (such as file).
UNSUPPORTED_TYPES = {"image", "video", "shortvideo", "location", "link", "file", "unknown"}


@dataclass(frozen=True)
class Inbound:
    """A push, reduced to the sender, what to do, and a key identifying retries."""

    sender: str
    account: str
    action: str
    text: str
    dedup_key: str


def parse_push(xml: str) -> Inbound:
    """Read a plaintext push; Refused (400) when it is not a WeChat message."""
    try:
        message = parse_message(xml)
    except Exception as error:
        raise Refused(400, "malformed XML") from error
    if not isinstance(message, (BaseMessage, BaseEvent)) or not message.source:
        raise Refused(400, "not a WeChat message")
    sender, account = str(message.source), str(message.target or "")
    raw_id = getattr(message, "id", None)
    dedup_key = f"msg:{raw_id}" if raw_id else f"evt:{sender}:{message.create_time.timestamp():.0f}"
    action, text = _decide(message)
    return Inbound(sender, account, action, text, dedup_key)


def _decide(message: object) -> tuple[str, str]:
    kind = getattr(message, "type", "")
    if kind == "event":
        kind = str(getattr(message, "event", "")).lower()
    if kind == "text":
        content = (getattr(message, "content", "") or "").strip()
        return (ASK, content) if content else (REPLY, "utter_wechat_send_text")
    if kind == "voice":
        recognition = (getattr(message, "recognition", None) or "").strip()
        return (ASK, recognition) if recognition else (REPLY, "utter_wechat_send_text")
    if kind in UNSUPPORTED_TYPES:
        return REPLY, "utter_wechat_unsupported"
    if kind in ("subscribe", "subscribe_scan"):
        return ASK, "/greet"
    if kind == "click":
        payload: Optional[str] = payload_for_key(str(getattr(message, "key", "") or ""))
        return (ASK, payload) if payload else (REPLY, "utter_wechat_unsupported")
    if kind == "unsubscribe":
        return FORGET, ""
    return IGNORE, ""
