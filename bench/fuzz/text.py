"""Random user text and senders: questions, odd characters, code points, commands."""

from __future__ import annotations

import random

SENDER_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.@-"
OPENID_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"


def random_sender(rng: random.Random) -> str:
    """A valid REST sender ([A-Za-z0-9_.@-]{1,64})."""
    return "fz" + "".join(rng.choice(SENDER_CHARS) for _ in range(rng.randint(1, 30)))


def random_openid(rng: random.Random) -> str:
    """An OpenID-like sender (28 characters)."""
    return "o" + "".join(rng.choice(OPENID_CHARS) for _ in range(27))


MAX_CHARS = 300


QUESTIONS = tuple(
    "你好 宁波每月失业金多少 宁波缴费两年能领几个月 主动辞职能领失业金吗"
    " 吉林失业补助金的申领条件 昆明网上申请要上传什么 鹿城区就业服务中心的地址"
    " 德惠市社会保险局电话 海曙人社局周末上班吗 网上申请后怎么查进度"
    " 失业保险金和失业补助金有什么区别 我在宁波，交了两年 那瓯海区呢 电话是多少"
    " 上海失业金怎么领 转人工 谢谢 3 ２ 更多".split()
)


SLASH_COMMANDS = (
    *"/greet /restart /session_start /action_listen /nlu_fallback /ask_documents".split(),
    *"/no_such_intent /greet@0.99 /inform{bad".split(),
    '/inform{"region": "宁波"}',
    '/inform{"region": ["宁波", 1]}',
    '/inform{"a":' + "[" * 300 + "}",
    "/" + "x" * 200,
)


ODD = (
    *"\u200b\u200d\u202e\ufeff\u0301😀𠀀ｅ１²١\t\n\r \x00\x07\x1b\x7f\x85\u2028",
    *"<>&\"'\\\ufffd\ufffe\uffff",
    *"👨‍👩‍👧 ]]> <![CDATA[ <script>alert(1)</script> %s%n {0} ${x}".split(),
)


# Characters of the questions and their subjects; without 慢 (the safe test server's
# actions sleep on "慢慢").
ALPHABET = (
    "温州宁波昆明吉林失业金多少领几个月保险补助申请材料地址电话"
    "办理条件区市省交了两年三个一二十你好吗呢"
)


def question(rng: random.Random) -> str:
    """A realistic question."""
    return rng.choice(QUESTIONS)


def phrase(rng: random.Random, max_chars: int = MAX_CHARS, surrogates: bool = False) -> str:
    """Some user text: questions, odd characters, random code points, repeats, commands."""
    pick = rng.random()
    if pick < 0.3:
        text = question(rng)
    elif pick < 0.5:
        chars = list(question(rng))
        for _ in range(rng.randint(1, 6)):
            chars.insert(rng.randint(0, len(chars)), rng.choice(ODD))
        text = "".join(chars)
    elif pick < 0.65:
        pool = ALPHABET + "abcXYZ0123456789 ,.?!，。？！"
        text = "".join(rng.choice(pool) for _ in range(rng.randint(1, max_chars)))
    elif pick < 0.8:
        text = "".join(code_point(rng, surrogates) for _ in range(rng.randint(1, 60)))
    elif pick < 0.9:
        text = rng.choice(ALPHABET + "a😀 ") * rng.randint(1, max_chars)
    else:
        text = rng.choice(SLASH_COMMANDS)
    return text[:max_chars]


def code_point(rng: random.Random, surrogates: bool = False) -> str:
    """A random character from the BMP or beyond; lone surrogates only when asked."""
    while True:
        value = rng.choice(
            (rng.randint(0x20, 0x7F), rng.randint(0xA0, 0xFFFF), rng.randint(0x10000, 0x10FFFF))
        )
        if surrogates or not 0xD800 <= value <= 0xDFFF:
            return chr(value)


def clean_phrase(rng: random.Random, max_chars: int = MAX_CHARS) -> str:
    """User text with something besides whitespace in it."""
    text = phrase(rng, max_chars)
    return text if text.strip() else question(rng)


def lone_surrogate(rng: random.Random) -> str:
    """A lone UTF-16 surrogate."""
    return chr(rng.randint(0xD800, 0xDFFF))
