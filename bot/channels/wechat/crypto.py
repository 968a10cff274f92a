"""Safe-mode (安全模式) envelope: verify and decrypt pushes, encrypt replies (wechatpy)."""

from __future__ import annotations

import base64

from wechatpy.crypto import PrpCrypto, WeChatCrypto
from wechatpy.exceptions import InvalidAppIdException

from bot.channels.wechat.config import WeChatConfig
from bot.channels.wechat.fields import read_fields
from bot.channels.wechat.security import Refused, signature_matches, signature_of, utf8_text


def _key(config: WeChatConfig) -> bytes:
    return base64.b64decode(config.aes_key + "=")


def decrypt_push(
    config: WeChatConfig, body: bytes, msg_signature: str, timestamp: str, nonce: str
) -> str:
    """The plaintext XML inside a safe-mode push; Refused on any fault."""
    encrypted = read_fields(utf8_text(body)).get("Encrypt", "").strip()
    if not encrypted:
        raise Refused(400, "no Encrypt element")
    expected = signature_of(config.token, timestamp, nonce, encrypted)
    if not signature_matches(expected, msg_signature):
        raise Refused(403, "bad msg_signature")
    try:
        return PrpCrypto(_key(config)).decrypt(encrypted, config.appid)
    except InvalidAppIdException as error:
        raise Refused(403, "wrong appid") from error
    except Exception as error:
        raise Refused(400, "undecryptable ciphertext") from error


def encrypt_reply(config: WeChatConfig, xml: str, nonce: str, timestamp: str) -> str:
    """A reply wrapped in the safe-mode envelope."""
    return WeChatCrypto(config.token, config.aes_key, config.appid).encrypt_message(
        xml, nonce, timestamp
    )
