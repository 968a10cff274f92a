"""What each kind of push asks of the assistant."""

from __future__ import annotations

import pytest

from bot.channels.wechat.messages import ASK, FORGET, IGNORE, REPLY, parse_push
from bot.channels.wechat.security import Refused
from tests.channels.wechat.peer import event_xml, message_xml, text_xml


def test_text_is_asked_with_the_openid_as_sender():
    inbound = parse_push(text_xml("openid-7", "温州鹿城区在哪办", msg_id=1234567890123456))
    assert (inbound.sender, inbound.action, inbound.text) == ("openid-7", ASK, "温州鹿城区在哪办")
    assert inbound.dedup_key == "msg:1234567890123456"


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
    assert inbound.dedup_key == "evt:o:1700000000"


@pytest.mark.parametrize(
    "xml", ["<xml><unclosed>", "not xml", "<xml><MsgType>text</MsgType></xml>", "<other/>"]
)
def test_malformed_pushes_are_refused(xml):
    with pytest.raises(Refused) as refused:
        parse_push(xml)
    assert refused.value.status == 400
