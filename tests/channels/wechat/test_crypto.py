"""Safe mode against wechatpy as the peer."""

from __future__ import annotations

import base64

import pytest
from wechatpy.crypto import WeChatCrypto

from bot.channels.wechat.config import WeChatConfig
from bot.channels.wechat.crypto import decrypt_push, encrypt_reply
from bot.channels.wechat.security import Refused
from harness.wechat_peer import AES_KEY, APPID, TOKEN, open_reply, safe_push, text_xml

CONFIG = WeChatConfig(token=TOKEN, appid=APPID, aes_key=AES_KEY, mode="safe")


def test_decrypts_a_push_encrypted_by_wechatpy():
    xml = text_xml("openid-1", "宁波失业金多少")
    query, body = safe_push(xml)
    assert (
        decrypt_push(CONFIG, body, query["msg_signature"], query["timestamp"], query["nonce"])
        == xml
    )


def test_wrong_appid_is_refused():
    query, body = safe_push(text_xml("o", "hi"), appid="wx_other_app_000")
    with pytest.raises(Refused, match="appid") as refused:
        decrypt_push(CONFIG, body, query["msg_signature"], query["timestamp"], query["nonce"])
    assert refused.value.status == 403


def test_bad_msg_signature_is_refused():
    query, body = safe_push(text_xml("o", "hi"))
    with pytest.raises(Refused, match="msg_signature"):
        decrypt_push(CONFIG, body, "f" * 40, query["timestamp"], query["nonce"])


def test_tampered_ciphertext_is_refused():
    query, body = safe_push(text_xml("o", "hi"))
    text = body.decode()
    start = text.index("<Encrypt><![CDATA[") + len("<Encrypt><![CDATA[")
    raw = bytearray(base64.b64decode(text[start : text.index("]]>", start)]))
    raw[20] ^= 0xFF
    tampered = base64.b64encode(bytes(raw)).decode()
    body2 = (text[:start] + tampered + text[text.index("]]>", start) :]).encode()
    from harness.wechat_peer import sign

    signature = sign(TOKEN, query["timestamp"], query["nonce"], tampered)
    with pytest.raises(Refused) as refused:
        decrypt_push(CONFIG, body2, signature, query["timestamp"], query["nonce"])
    assert refused.value.status in (400, 403)


def test_reply_is_readable_by_wechatpy():
    envelope = encrypt_reply(
        CONFIG, "<xml><Content><![CDATA[好]]></Content></xml>", "123", "1700000000"
    )
    assert open_reply(envelope, safe=True).findtext("Content") == "好"


def test_a_reply_cannot_be_read_with_another_key():
    from xml.etree import ElementTree

    envelope = encrypt_reply(
        CONFIG, "<xml><Content><![CDATA[好]]></Content></xml>", "123", "1700000000"
    )
    root = ElementTree.fromstring(envelope)
    try:
        text = WeChatCrypto(TOKEN, "B" * 43, APPID).decrypt_message(
            envelope,
            root.findtext("MsgSignature"),
            root.findtext("TimeStamp"),
            root.findtext("Nonce"),
        )
    except Exception:
        text = ""
    assert "好" not in text
