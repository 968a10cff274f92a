"""The WeChat channel on a real Rasa server, with wechatpy signing and encrypting as the platform."""

from __future__ import annotations

import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Tuple

import pytest
import requests

from harness.servers import user_turns
from harness.wechat_peer import (
    TOKEN,
    event_xml,
    message_xml,
    nonce,
    open_reply,
    plain_push,
    safe_push,
    sign,
    text_xml,
)
from tests.e2e.conftest import REPLY_BYTES, SAFE_BUDGET_S

WEBHOOK = "/webhooks/wechat/webhook"


@pytest.fixture(params=["plain", "safe"])
def wechat(request, assistant_url, safe_wechat) -> Tuple[str, bool]:
    """(base URL, safe?) for each mode."""
    if request.param == "plain":
        return assistant_url, False
    return safe_wechat[0], True


def openid() -> str:
    """A fresh user."""
    return f"o{uuid.uuid4().hex[:20]}"


def push(url: str, safe: bool, xml: str, **query_overrides: str) -> requests.Response:
    """Sign (and encrypt) ``xml`` like the platform and post it."""
    query, body = safe_push(xml) if safe else plain_push(xml)
    query.update(query_overrides)
    return requests.post(f"{url}{WEBHOOK}", params=query, data=body, timeout=30)


def reply_text(response: requests.Response, safe: bool) -> str:
    """The Content of a passive reply ("" for success)."""
    assert response.status_code == 200, response.text
    if response.text in ("", "success"):
        return ""
    return open_reply(response.text, safe).findtext("Content") or ""


def ask(url: str, safe: bool, sender: str, text: str) -> str:
    """One text message, its passive reply text."""
    return reply_text(push(url, safe, text_xml(sender, text)), safe)


# -- handshake ---------------------------------------------------------------------------


def test_handshake_echoes_only_with_a_right_signature(assistant_url):
    ts, n = str(int(time.time())), nonce()
    good = {"signature": sign(TOKEN, ts, n), "timestamp": ts, "nonce": n, "echostr": "echo123"}
    response = requests.get(f"{assistant_url}{WEBHOOK}", params=good, timeout=10)
    assert (response.status_code, response.text) == (200, "echo123")
    bad = {**good, "signature": "0" * 40}
    response = requests.get(f"{assistant_url}{WEBHOOK}", params=bad, timeout=10)
    assert response.status_code == 403 and "echo123" not in response.text


# -- messages ------------------------------------------------------------------------------


def test_text_is_answered_passively(wechat):
    url, safe = wechat
    assert "车站大道554号" in ask(url, safe, openid(), "鹿城区就业服务中心的地址")


def test_follow_up_keeps_context_per_openid(wechat):
    url, safe = wechat
    user = openid()
    assert "五华坊17号" in ask(url, safe, user, "昆明五华区失业保险科在哪")
    assert "关兴路320号" in ask(url, safe, user, "官渡区呢")


def test_voice_uses_recognition(wechat):
    url, safe = wechat
    fields = "<MediaId>m</MediaId><Format>amr</Format><Recognition><![CDATA[宁波每月失业金多少]]></Recognition>"
    assert "1395" in reply_text(push(url, safe, message_xml(openid(), "voice", fields)), safe)


def test_voice_without_recognition_asks_for_text(wechat):
    url, safe = wechat
    xml = message_xml(openid(), "voice", "<MediaId>m</MediaId><Format>amr</Format>")
    assert "文字" in reply_text(push(url, safe, xml), safe)


@pytest.mark.parametrize(
    ("msg_type", "fields"),
    [
        ("image", "<PicUrl>http://x/a.png</PicUrl><MediaId>m</MediaId>"),
        (
            "location",
            "<Location_X>1</Location_X><Location_Y>2</Location_Y><Scale>3</Scale><Label>l</Label>",
        ),
        ("link", "<Title>t</Title><Description>d</Description><Url>http://x</Url>"),
        ("file", "<Title>t</Title><FileKey>k</FileKey>"),
        ("video", "<MediaId>m</MediaId><ThumbMediaId>t</ThumbMediaId>"),
    ],
)
def test_non_text_gets_a_polite_reply(assistant_url, msg_type, fields):
    text = reply_text(push(assistant_url, False, message_xml(openid(), msg_type, fields)), False)
    assert "文字" in text


@pytest.mark.parametrize("key", ["", "qrscene_42"])
def test_subscribe_gets_the_welcome(wechat, key):
    url, safe = wechat
    text = reply_text(push(url, safe, event_xml(openid(), "subscribe", key)), safe)
    assert "失业保险助手" in text and "宁波市" in text


def test_menu_click_then_numbered_choice(wechat):
    url, safe = wechat
    user = openid()
    text = reply_text(push(url, safe, event_xml(user, "CLICK", "DOCUMENTS")), safe)
    assert "1. 吉林省" in text and "3. 宁波市" in text and "回复数字" in text
    assert "一寸照2张" in ask(url, safe, user, "3")


def test_unsubscribe_deletes_the_conversation(assistant_url):
    user = openid()
    ask(assistant_url, False, user, "我在宁波")
    assert user_turns(assistant_url, f"wechat:{user}") == 1
    response = push(assistant_url, False, event_xml(user, "unsubscribe"))
    assert (response.status_code, response.text) == (200, "success")
    assert user_turns(assistant_url, f"wechat:{user}") == 0


def test_reply_with_markup_and_cdata_end_stays_text(wechat):
    url, safe = wechat
    text = ask(url, safe, openid(), "<script>alert(1)</script>]]>")
    assert text  # rendered and parsed back: the XML stayed well-formed


# -- refusals ------------------------------------------------------------------------------

BOMB = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
    "<xml><ToUserName>gh</ToUserName><FromUserName>{user}</FromUserName><CreateTime>1</CreateTime>"
    "<MsgType>text</MsgType><Content>&lol2;</Content><MsgId>1</MsgId></xml>"
)
XXE = (
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    "<xml><ToUserName>gh</ToUserName><FromUserName>{user}</FromUserName><CreateTime>1</CreateTime>"
    "<MsgType>text</MsgType><Content>&xxe;</Content><MsgId>2</MsgId></xml>"
)


def refused_plain(url: str, user: str, case: str) -> requests.Response:
    """Send one bad plain-mode request of a kind."""
    xml = text_xml(user, "宁波失业金多少")
    if case == "forged signature":
        return push(url, False, xml, signature="1" * 40)
    if case == "stale timestamp":
        query, body = plain_push(xml, timestamp=str(int(time.time()) - 1000))
        return requests.post(f"{url}{WEBHOOK}", params=query, data=body, timeout=10)
    if case == "replayed nonce":
        query, body = plain_push(xml)
        first = requests.post(f"{url}{WEBHOOK}", params=query, data=body, timeout=30)
        assert first.status_code == 200
        replay_xml = text_xml(user, "再来一次")
        return requests.post(f"{url}{WEBHOOK}", params=query, data=replay_xml.encode(), timeout=10)
    bodies = {
        "xml bomb": BOMB.format(user=user).encode(),
        "xxe": XXE.format(user=user).encode(),
        "malformed xml": b"<xml><FromUserName>" + user.encode() + b"</xml",
        "empty body": b"",
        "1 MB body": b"<xml>" + b"x" * (1024 * 1024) + b"</xml>",
    }
    query, _ = plain_push("")
    return requests.post(f"{url}{WEBHOOK}", params=query, data=bodies[case], timeout=10)


@pytest.mark.parametrize(
    ("case", "status"),
    [
        ("forged signature", 403),
        ("stale timestamp", 403),
        ("replayed nonce", 403),
        ("xml bomb", 400),
        ("xxe", 400),
        ("malformed xml", 400),
        ("empty body", 400),
        ("1 MB body", 413),
    ],
)
def test_bad_requests_are_refused_before_rasa(assistant_url, case, status):
    user = openid()
    response = refused_plain(assistant_url, user, case)
    assert response.status_code == status, response.text
    expected_turns = 1 if case == "replayed nonce" else 0  # the original went through
    assert user_turns(assistant_url, f"wechat:{user}") == expected_turns


def test_safe_mode_refuses_wrong_appid_and_tampered_ciphertext(safe_wechat):
    url, _ = safe_wechat
    user = openid()
    query, body = safe_push(text_xml(user, "你好"), appid="wx_some_other_app")
    response = requests.post(f"{url}{WEBHOOK}", params=query, data=body, timeout=10)
    assert response.status_code == 403
    query, body = safe_push(text_xml(user, "你好"))
    tampered = body.replace(b"<Encrypt><![CDATA[", b"<Encrypt><![CDATA[AAAA")
    response = requests.post(f"{url}{WEBHOOK}", params=query, data=tampered, timeout=10)
    assert response.status_code == 403  # the msg_signature no longer matches
    assert user_turns(url, f"wechat:{user}") == 0


# -- the 5-second rule --------------------------------------------------------------------------


def wait_for_sent(platform, user: str, count: int, timeout_s: float = 15.0) -> list:
    """Messages the stub received for ``user`` once ``count`` arrived (or the timeout)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        sent = [m for m in platform.sent if m["touser"] == user]
        if len(sent) >= count:
            return sent
        time.sleep(0.1)
    return [m for m in platform.sent if m["touser"] == user]


def test_slow_answer_says_success_then_pushes_once(safe_wechat):
    url, platform = safe_wechat
    user = openid()
    started = time.monotonic()
    response = push(url, True, text_xml(user, "宁波每月失业金多少，慢慢想"))
    elapsed = time.monotonic() - started
    assert (response.status_code, response.text) == (200, "success")
    assert elapsed < SAFE_BUDGET_S + 1.0
    sent = wait_for_sent(platform, user, 1)
    time.sleep(1.0)
    sent = [m for m in platform.sent if m["touser"] == user]
    assert len(sent) == 1
    assert sent[0]["msgtype"] == "text" and "1395" in sent[0]["text"]["content"]
    assert platform.token_calls == 1


def test_retries_of_one_msg_id_run_once(safe_wechat):
    url, platform = safe_wechat
    user = openid()
    xml = text_xml(
        user, "宁波每月失业金多少，慢慢想", msg_id=7_000_000_000_000_001 + int(time.time())
    )
    with ThreadPoolExecutor(3) as pool:
        responses = list(pool.map(lambda _: push(url, True, xml), range(3)))
    assert all(r.status_code == 200 for r in responses)
    wait_for_sent(platform, user, 1)
    time.sleep(1.0)
    assert user_turns(url, f"wechat:{user}") == 1
    assert len([m for m in platform.sent if m["touser"] == user]) == 1


def test_fast_retry_gets_the_cached_passive_reply(assistant_url):
    user = openid()
    xml = text_xml(user, "宁波每月失业金多少", msg_id=8_000_000_000_000_001 + int(time.time()))
    first = reply_text(push(assistant_url, False, xml), False)
    second = reply_text(push(assistant_url, False, xml), False)
    assert "1395" in first and first == second
    assert user_turns(assistant_url, f"wechat:{user}") == 1


# -- long replies ----------------------------------------------------------------------------------


def long_question() -> str:
    """A question whose answer (channels and nine steps, ~1.4 KB) is over REPLY_BYTES."""
    return "昆明网上怎么申请失业保险金"


def test_long_reply_without_appsecret_offers_more(assistant_url):
    user = openid()
    first = ask(assistant_url, False, user, long_question())
    assert len(first.encode()) <= REPLY_BYTES and "更多" in first
    rest = ask(assistant_url, False, user, "更多")
    assert "银行发放" in first + rest


def test_long_reply_with_appsecret_pushes_the_rest(safe_wechat):
    url, platform = safe_wechat
    user = openid()
    first = ask(url, True, user, long_question())
    assert len(first.encode()) <= REPLY_BYTES and "更多" not in first
    sent = wait_for_sent(platform, user, 1)
    assert sent and all(len(m["text"]["content"].encode()) <= REPLY_BYTES for m in sent)
    assert "银行发放" in first + "".join(m["text"]["content"] for m in sent)
