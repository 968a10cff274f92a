"""Bounds shared by the channels: senders, message text, the message-length setting."""

from __future__ import annotations

import pytest

from bot.channels.inputs import (
    DEFAULT_MAX_MESSAGE_CHARS,
    BadInput,
    check_framing,
    clean_text,
    conversation_id,
    max_message_chars,
    valid_sender,
    without_control_commands,
)


@pytest.mark.parametrize("sender", ["me", "oAbC_12-x", "a.b@c", "x" * 64])
def test_plain_senders_pass(sender):
    assert valid_sender(sender) == sender


@pytest.mark.parametrize(
    "sender", ["", "x" * 65, "../../etc/passwd", "a b", "用户", None, 42, ["a", "b"], "a\n", "a:b"]
)
def test_other_senders_are_a_bad_request(sender):
    with pytest.raises(BadInput) as refused:
        valid_sender(sender)
    assert refused.value.status == 400


def test_conversations_are_namespaced_by_channel():
    assert conversation_id("wechat", "oAbc") != conversation_id("rest", "oAbc")
    assert conversation_id("rest", "oAbc") == "rest:oAbc"


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("宁波交了3年能领几个月", "宁波交了3年能领几个月"),
        ("第一行\n第二行\t完\r\u2028", "第一行 第二行 完  "),
        ("a\x00b\x1bc\x7fd", "abcd"),
        ("a\ud800b", "a?b"),
        ("零宽\u200b空格", "零宽\u200b空格"),
    ],
)
def test_clean_text(text, cleaned):
    assert clean_text(text) == cleaned


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        (None, DEFAULT_MAX_MESSAGE_CHARS),
        ("500", 500),
        ("0", DEFAULT_MAX_MESSAGE_CHARS),
        ("abc", DEFAULT_MAX_MESSAGE_CHARS),
        ("²", DEFAULT_MAX_MESSAGE_CHARS),
        ("9" * 5000, DEFAULT_MAX_MESSAGE_CHARS),
    ],
    ids=["unset", "500", "zero", "letters", "superscript", "5000 digits"],
)
def test_message_bound_setting(monkeypatch, setting, expected):
    if setting is None:
        monkeypatch.delenv("ASSISTANT_MAX_MESSAGE_CHARS", raising=False)
    else:
        monkeypatch.setenv("ASSISTANT_MAX_MESSAGE_CHARS", setting)
    assert max_message_chars() == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/restart", "restart"),
        (" /session_start", "session_start"),
        ("/ restart", " restart"),
        ("/\tback", "\tback"),
        ("/\u3000session_start ", "\u3000session_start"),
        ("/restart@0.9", "restart@0.9"),
        ("/back", "back"),
        ("/ask_office", "/ask_office"),
        ('/inform{"region": "宁波市"}', '/inform{"region": "宁波市"}'),
        ("/restarting", "/restarting"),
        ("宁波 /restart", "宁波 /restart"),
    ],
)
def test_control_commands_are_read_as_words(text, expected):
    assert without_control_commands(text) == expected


HEAD = b"POST /webhooks/rest/webhook HTTP/1.1\r\nHost: x\r\n"


@pytest.mark.parametrize(
    "fields",
    [
        b"Content-Length: 12",
        b"content-length:0",
        b"Transfer-Encoding: chunked",
        b"Content-Type: application/json",
    ],
)
def test_clear_framing_passes(fields):
    check_framing(HEAD + fields)


@pytest.mark.parametrize(
    "fields",
    [
        b"Content-Length: -1",
        b"Content-Length: +5",
        b"Content-Length: 1e3",
        b"Content-Length: " + b"9" * 40,
        b"Content-Length: 30\r\nContent-Length: 5",
        b"Content-Length: 4\r\nTransfer-Encoding: chunked",
        b"Transfer-Encoding: gzip",
        b"Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked",
    ],
)
def test_unclear_framing_is_refused(fields):
    with pytest.raises(ValueError):
        check_framing(HEAD + fields)
