"""wechatpy as the independent peer: builds pushes the way the platform signs them."""

from __future__ import annotations

import secrets
import time
import xml.etree.ElementTree as ElementTree
from typing import Dict, Optional, Tuple

from wechatpy.crypto import WeChatCrypto
from wechatpy.utils import WeChatSigner

TOKEN = "test-token"
APPID = "wx0123456789abcdef"
AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"


def plain_env(**extra: str) -> Dict[str, str]:
    """Environment of an assistant whose WeChat channel runs in plain mode without AppSecret."""
    return {
        "WECHAT_TOKEN": TOKEN,
        "WECHAT_MODE": "plain",
        "WECHAT_APPID": APPID,
        "WECHAT_APPSECRET": "",
        "WECHAT_AES_KEY": "",
        **extra,
    }


def sign(*parts: str) -> str:
    """The platform's SHA-1 signature."""
    signer = WeChatSigner()
    signer.add_data(*parts)
    return signer.signature


def nonce() -> str:
    """A random nonce (``secrets``: hypothesis re-seeds ``random`` for every example)."""
    return str(secrets.randbelow(10**10))


def text_xml(
    sender: str, content: str, msg_id: Optional[int] = None, created: Optional[int] = None
) -> str:
    """A text push."""
    msg_id = msg_id or 10**15 + secrets.randbelow(9 * 10**15)
    created = created or int(time.time())
    content = content.replace("]]>", "]]]]><![CDATA[>")  # as the platform escapes CDATA
    return (
        f"<xml><ToUserName><![CDATA[gh_test]]></ToUserName><FromUserName><![CDATA[{sender}]]></FromUserName>"
        f"<CreateTime>{created}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
        f"<Content><![CDATA[{content}]]></Content><MsgId>{msg_id}</MsgId></xml>"
    )


def message_xml(sender: str, msg_type: str, fields: str, msg_id: Optional[int] = None) -> str:
    """A push of any type with extra XML fields."""
    msg_id = msg_id or 10**15 + secrets.randbelow(9 * 10**15)
    return (
        f"<xml><ToUserName><![CDATA[gh_test]]></ToUserName><FromUserName><![CDATA[{sender}]]></FromUserName>"
        f"<CreateTime>{int(time.time())}</CreateTime><MsgType><![CDATA[{msg_type}]]></MsgType>"
        f"{fields}<MsgId>{msg_id}</MsgId></xml>"
    )


def event_xml(sender: str, event: str, key: str = "", created: Optional[int] = None) -> str:
    """An event push."""
    created = created or int(time.time())
    key_xml = f"<EventKey><![CDATA[{key}]]></EventKey>" if key else ""
    return (
        f"<xml><ToUserName><![CDATA[gh_test]]></ToUserName><FromUserName><![CDATA[{sender}]]></FromUserName>"
        f"<CreateTime>{created}</CreateTime><MsgType><![CDATA[event]]></MsgType>"
        f"<Event><![CDATA[{event}]]></Event>{key_xml}</xml>"
    )


def plain_push(
    xml: str, token: str = TOKEN, timestamp: Optional[str] = None
) -> Tuple[Dict[str, str], bytes]:
    """Query and body of a plaintext-mode push."""
    ts = timestamp or str(int(time.time()))
    n = nonce()
    return {"signature": sign(token, ts, n), "timestamp": ts, "nonce": n}, xml.encode("utf-8")


def safe_push(
    xml: str, appid: str = APPID, timestamp: Optional[str] = None
) -> Tuple[Dict[str, str], bytes]:
    """Query and body of a safe-mode push, encrypted by wechatpy."""
    ts = timestamp or str(int(time.time()))
    n = nonce()
    envelope = WeChatCrypto(TOKEN, AES_KEY, appid).encrypt_message(xml, n, ts)
    root = ElementTree.fromstring(envelope)
    query = {
        "signature": sign(TOKEN, ts, n),
        "timestamp": ts,
        "nonce": n,
        "encrypt_type": "aes",
        "msg_signature": root.findtext("MsgSignature") or "",
    }
    body = f"<xml><ToUserName><![CDATA[gh_test]]></ToUserName><Encrypt><![CDATA[{root.findtext('Encrypt')}]]></Encrypt></xml>"
    return query, body.encode("utf-8")


def open_reply(body: str, safe: bool) -> ElementTree.Element:
    """Verify and decrypt (safe mode) a passive reply with wechatpy; return its XML."""
    root = ElementTree.fromstring(body)
    if safe:
        plain = WeChatCrypto(TOKEN, AES_KEY, APPID).decrypt_message(
            body, root.findtext("MsgSignature"), root.findtext("TimeStamp"), root.findtext("Nonce")
        )
        root = ElementTree.fromstring(plain)
    return root
