"""What each kind of push asks of the assistant."""

from __future__ import annotations

import pytest

from bot.channels.wechat.messages import ASK, FORGET, IGNORE, REPLY, parse_push
from bot.channels.wechat.security import Refused
from harness.wechat_peer import event_xml, message_xml, text_xml


def test_text_is_asked_with_the_openid_as_sender():
    inbound = parse_push(text_xml("openid-7", "温州鹿城区在哪办", msg_id=1234567890123456))
    assert (inbound.sender, inbound.action, inbound.text) == ("openid-7", ASK, "温州鹿城区在哪办")
    assert inbound.dedup_key == "msg:openid-7:1234567890123456"


def test_one_msg_id_from_two_senders_is_two_messages():
    first = parse_push(text_xml("alice", "你好", msg_id=42))
    second = parse_push(text_xml("bob", "你好", msg_id=42))
    assert first.dedup_key != second.dedup_key


@pytest.mark.parametrize(
    ("fields", "action", "text"),
    [
        (
            "<MediaId>m</MediaId><Format>amr</Format><Recognition><![CDATA[宁波失业金多少]]></Recognition>",
            ASK,
            "宁波失业金多少",
        ),
        ("<MediaId>m</MediaId><Format>amr</Format>", REPLY, "utter_wechat_send_text"),
        (
            "<MediaId>m</MediaId><Format>amr</Format><Recognition><![CDATA[]]></Recognition>",
            REPLY,
            "utter_wechat_send_text",
        ),
    ],
)
def test_voice(fields, action, text):
    inbound = parse_push(message_xml("o", "voice", fields))
    assert (inbound.action, inbound.text) == (action, text)


@pytest.mark.parametrize(
    ("msg_type", "fields"),
    [
        ("image", "<PicUrl>http://x</PicUrl><MediaId>m</MediaId>"),
        ("video", "<MediaId>m</MediaId><ThumbMediaId>t</ThumbMediaId>"),
        ("shortvideo", "<MediaId>m</MediaId><ThumbMediaId>t</ThumbMediaId>"),
        (
            "location",
            "<Location_X>1</Location_X><Location_Y>2</Location_Y><Scale>3</Scale><Label>l</Label>",
        ),
        ("link", "<Title>t</Title><Description>d</Description><Url>http://x</Url>"),
        ("file", "<Title>t</Title><FileKey>k</FileKey>"),
    ],
)
def test_non_text_types_get_a_polite_reply(msg_type, fields):
    inbound = parse_push(message_xml("o", msg_type, fields))
    assert (inbound.action, inbound.text) == (REPLY, "utter_wechat_unsupported")


@pytest.mark.parametrize(
    ("event", "key", "action", "text"),
    [
        ("subscribe", "", ASK, "/greet"),
        ("subscribe", "qrscene_123", ASK, "/greet"),
        ("CLICK", "DOCUMENTS", ASK, "/ask_documents"),
        ("CLICK", "CALCULATE", ASK, "/ask_duration"),
        ("CLICK", "NO_SUCH_KEY", REPLY, "utter_wechat_unsupported"),
        ("unsubscribe", "", FORGET, ""),
        ("VIEW", "http://x", IGNORE, ""),
    ],
)
def test_events(event, key, action, text):
    inbound = parse_push(event_xml("o", event, key, created=1700000000))
    assert (inbound.action, inbound.text) == (action, text)
    assert inbound.dedup_key.startswith("evt:o:1700000000:")


def test_two_menu_clicks_in_one_second_are_two_events():
    first = parse_push(event_xml("o", "CLICK", "DOCUMENTS", created=1700000000))
    second = parse_push(event_xml("o", "CLICK", "CALCULATE", created=1700000000))
    retry = parse_push(event_xml("o", "CLICK", "DOCUMENTS", created=1700000000))
    assert first.dedup_key != second.dedup_key
    assert first.dedup_key == retry.dedup_key


def _text_push(**fields: str) -> str:
    """A text push whose fields are replaced or added by ``fields`` (raw XML values)."""
    values = {
        "ToUserName": "gh_test",
        "FromUserName": "o1",
        "CreateTime": "1700000000",
        "MsgType": "text",
        "Content": "你好",
        "MsgId": "123",
        **fields,
    }
    return "<xml>" + "".join(f"<{k}>{v}</{k}>" for k, v in values.items()) + "</xml>"


@pytest.mark.parametrize(
    "xml",
    [
        "<xml><unclosed>",
        "not xml",
        "<xml><MsgType>text</MsgType></xml>",
        "<other/>",
        _text_push(MsgId="abc"),
        _text_push(MsgId="1" * 25),
        _text_push(CreateTime="yesterday"),
        _text_push(CreateTime="²"),
        _text_push(Content="<b>child</b>"),
        _text_push(FromUserName="<![CDATA[a]]]]><![CDATA[>b]]>"),
        _text_push(FromUserName="x" * 65),
        _text_push(FromUserName=""),
        _text_push(MsgType="TEXT!"),
        _text_push(ToUserName="gh test"),
        _text_push(Content="a").replace("</xml>", "<FromUserName>o2</FromUserName></xml>"),
    ],
)
def test_malformed_pushes_are_refused(xml):
    with pytest.raises(Refused) as refused:
        parse_push(xml)
    assert refused.value.status == 400


def test_unknown_message_types_get_a_polite_reply():
    inbound = parse_push(_text_push(MsgType="miniprogrampage"))
    assert (inbound.action, inbound.text) == (REPLY, "utter_wechat_unsupported")
