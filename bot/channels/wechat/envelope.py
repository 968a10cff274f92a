"""A push in, a passive reply out: every check of the envelope, independent of the web server."""

from __future__ import annotations

import re
import time
from typing import Mapping

from bot.channels.wechat.config import WeChatConfig
from bot.channels.wechat.crypto import decrypt_push, encrypt_reply
from bot.channels.wechat.messages import Inbound, parse_push
from bot.channels.wechat.render import TRANSFER, text_reply_xml, transfer_reply_xml
from bot.channels.wechat.security import (
    Refused,
    ReplayGuard,
    check_body,
    check_signature,
    check_timestamp,
    utf8_text,
)

ECHO = re.compile(r"[A-Za-z0-9_-]{1,128}")


def url_check_echo(config: WeChatConfig, args: Mapping[str, str]) -> str:
    """The ``echostr`` to answer the platform's URL check with; Refused (4xx) otherwise."""
    timestamp, nonce, echo = (args.get(name, "") for name in ("timestamp", "nonce", "echostr"))
    check_timestamp(timestamp, config.max_clock_skew_s)
    check_signature(config.token, args.get("signature"), timestamp, nonce)
    if not ECHO.fullmatch(echo):
        raise Refused(400, "missing or malformed echostr")
    return echo


async def open_push(
    config: WeChatConfig, replay: ReplayGuard, body: bytes, args: Mapping[str, str]
) -> Inbound:
    """The push in ``body`` with query ``args``, after every check; Refused (4xx) otherwise.

    The replay memory is consulted last, so only authentic pushes are remembered.
    """
    check_body(body, config.max_body_bytes)
    timestamp, nonce = args.get("timestamp", ""), args.get("nonce", "")
    check_timestamp(timestamp, config.max_clock_skew_s)
    check_signature(config.token, args.get("signature"), timestamp, nonce)
    if config.safe:
        xml = decrypt_push(config, body, args.get("msg_signature", ""), timestamp, nonce)
        check_body(xml.encode("utf-8"), config.max_body_bytes)
    else:
        xml = utf8_text(body)
    inbound = parse_push(xml)
    await replay.check(timestamp, nonce)
    return inbound


def reply_body(config: WeChatConfig, inbound: Inbound, text: str, nonce: str) -> str:
    """A passive text reply to ``inbound`` (or the transfer to staff), encrypted in safe mode."""
    now = int(time.time())
    if text == TRANSFER:
        xml = transfer_reply_xml(inbound.sender, inbound.account, now)
    else:
        xml = text_reply_xml(inbound.sender, inbound.account, text, now)
    if config.safe:
        return encrypt_reply(config, xml, nonce, str(now))
    return xml
