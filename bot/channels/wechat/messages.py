"""Turn a pushed message or event into what the assistant should do with it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, Optional

from bot.channels.wechat.fields import read_fields
from bot.channels.wechat.menu import payload_for_key
from bot.channels.wechat.security import Refused

# What to do with an inbound push.
ASK = "ask"  # send `text` to the assistant
REPLY = "reply"  # answer with the domain response named in `text`
FORGET = "forget"  # delete the user's conversation; no reply
IGNORE = "ignore"  # answer "success", nothing else

UNSUPPORTED_TYPES = {"image", "video", "shortvideo", "location", "link", "file"}
# The fields every push has, and the shape each field may take.
REQUIRED = ("ToUserName", "FromUserName", "CreateTime", "MsgType")
SHAPES = {
    "ToUserName": re.compile(r"[A-Za-z0-9_@.-]{1,64}"),
    "FromUserName": re.compile(r"[A-Za-z0-9_-]{1,64}"),
    "CreateTime": re.compile(r"[0-9]{1,12}"),
    "MsgType": re.compile(r"[a-z_]{1,32}"),
    "MsgId": re.compile(r"[0-9]{1,24}"),
    "Event": re.compile(r"[A-Za-z_]{1,32}"),
}
MAX_KEY_CHARS = 128


@dataclass(frozen=True)
class Inbound:
    """A push, reduced to the sender, what to do, and a key identifying retries."""

    sender: str
    account: str
    action: str
    text: str
    dedup_key: str
    # written by the user (text or voice), not an event such as a menu click
    written: bool = False


def parse_push(xml: str) -> Inbound:
    """Read a plaintext push; Refused (400) when it is not a well-formed WeChat message."""
    fields = read_fields(xml)
    for name in REQUIRED:
        if name not in fields:
            raise Refused(400, f"no {name}")
    for name, shape in SHAPES.items():
        if name in fields and not shape.fullmatch(fields[name]):
            raise Refused(400, f"malformed {name}")
    if len(fields.get("EventKey", "")) > MAX_KEY_CHARS:
        raise Refused(400, "malformed EventKey")
    sender = fields["FromUserName"]
    action, text = _decide(fields)
    written = fields["MsgType"] in ("text", "voice")
    return Inbound(sender, fields["ToUserName"], action, text, _dedup_key(fields), written)


def _dedup_key(fields: Dict[str, str]) -> str:
    """Retries of one push share this key: the sender's MsgId, or the event's own fields."""
    sender = fields["FromUserName"]
    if fields.get("MsgId"):
        return f"msg:{sender}:{fields['MsgId']}"
    event = fields.get("Event", "").lower()
    return f"evt:{sender}:{fields['CreateTime']}:{event}:{fields.get('EventKey', '')}"


def _decide(fields: Dict[str, str]) -> tuple[str, str]:
    kind = fields["MsgType"]
    if kind == "event":
        kind = fields.get("Event", "").lower()
    if kind == "text":
        content = fields.get("Content", "").strip()
        return (ASK, content) if content else (REPLY, "utter_wechat_send_text")
    if kind == "voice":
        recognition = fields.get("Recognition", "").strip()
        return (ASK, recognition) if recognition else (REPLY, "utter_wechat_send_text")
    if kind in ("subscribe", "subscribe_scan"):
        return ASK, "/greet"
    if kind == "click":
        payload: Optional[str] = payload_for_key(fields.get("EventKey", ""))
        return (ASK, payload) if payload else (REPLY, "utter_wechat_unsupported")
    if kind == "unsubscribe":
        return FORGET, ""
    if kind in UNSUPPORTED_TYPES or fields["MsgType"] != "event":
        return REPLY, "utter_wechat_unsupported"
    return IGNORE, ""
