"""Joining, numbering, CDATA safety and byte splitting."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

import pytest

from bot.channels.payloads import payload_of
from bot.channels.wechat.render import chosen_number, join_messages, split_by_bytes, text_reply_xml


def test_messages_joined_and_buttons_numbered():
    text, choices = join_messages(
        [
            {"text": "请问您在哪个地区？"},
            {
                "text": "",
                "buttons": [
                    {"title": "温州市", "payload": '/inform{"region": "温州市"}'},
                    {"title": "宁波市", "payload": "/p2"},
                ],
            },
        ],
        "回复数字即可选择。",
    )
    assert text == "请问您在哪个地区？\n\n1. 温州市\n2. 宁波市\n回复数字即可选择。"
    assert [payload_of(c) for c in choices] == ['/inform{"region": "温州市"}', "/p2"]


@pytest.mark.parametrize(
    ("text", "number"),
    [("1", 1), (" 2 ", 2), ("３", 3), ("4.", 4), ("12", 12), ("一", None), ("1年", None)],
)
def test_chosen_number(text, number):
    assert chosen_number(text) == number


@pytest.mark.parametrize("content", ["a]]>b", "]]>]]>", "<script>alert(1)</script>", "正常文字"])
def test_reply_content_survives_cdata(content):
    root = ElementTree.fromstring(text_reply_xml("openid", "gh_test", content, 1700000000))
    assert root.findtext("Content") == content
    assert root.findtext("ToUserName") == "openid"


@pytest.mark.parametrize("name", ["a]]>b", "]]>]]>", "<x>&amp;"])
def test_every_reply_field_survives_cdata(name):
    root = ElementTree.fromstring(text_reply_xml(name, f"gh{name}", "好", 1700000000))
    assert (root.findtext("ToUserName"), root.findtext("FromUserName")) == (name, f"gh{name}")


@pytest.mark.parametrize("limit", [2048, 300, 50])
def test_split_keeps_every_character_and_respects_the_limit(limit):
    text = "\n".join(
        f"{i}. 宁波市鄞州区人力资源和社会保障局：鄞州区新城区惠风东路225号。电话0574-87406530。"
        for i in range(60)
    )
    parts = split_by_bytes(text, limit)
    assert all(len(p.encode()) <= limit for p in parts)
    assert "".join(parts).replace("\n", "") == text.replace("\n", "")


def test_split_prefers_line_ends():
    lines = [f"第{i}行：" + "字" * 100 for i in range(30)]
    parts = split_by_bytes("\n".join(lines), 2048)
    assert len(parts) > 1
    for part in parts:
        assert part.split("\n")[0].startswith("第") and part.split("\n")[-1].endswith("字")


def test_short_text_is_one_part():
    assert split_by_bytes("你好", 2048) == ["你好"]


def test_the_transfer_to_staff_is_wechatpys_own_reply():
    from wechatpy.replies import TransferCustomerServiceReply, deserialize_reply

    from bot.channels.wechat.render import transfer_reply_xml

    reply = deserialize_reply(transfer_reply_xml("oUser", "gh_account", 1_700_000_000))
    assert isinstance(reply, TransferCustomerServiceReply)
    assert (reply.target, reply.source, reply.time) == ("oUser", "gh_account", 1_700_000_000)


@pytest.mark.parametrize(
    "messages, asked",
    [
        ([{"text": "需要人工帮助的话…"}, {"custom": {"handoff": "asked"}}], True),
        ([{"text": "需要人工帮助的话…"}], False),
        ([{"custom": "handoff"}], False),
        ([{"custom": {"other": 1}}], False),
    ],
)
def test_a_handoff_is_asked_only_by_the_actions_custom_payload(messages, asked):
    from bot.channels.wechat.render import handoff_asked

    assert handoff_asked(messages) is asked
