"""What an outsider can send, on a real server: bounded, refused with a 4xx, never shared."""

from __future__ import annotations

import json
import re
import socket
import time
import uuid
from pathlib import Path

import pytest
import requests

from harness.servers import user_events, user_turns
from harness.wechat_peer import (
    TOKEN,
    event_xml,
    nonce,
    open_reply,
    plain_push,
    sign,
    text_xml,
)

REST = "/webhooks/rest/webhook"
WEBCHAT = "/webhooks/webchat/"
WECHAT = "/webhooks/wechat/webhook"
TOO_LONG = "消息太长"
JSON = {"Content-Type": "application/json"}


def rest(url: str, body: object, **kwargs) -> requests.Response:
    """POST ``body`` (JSON unless bytes) to the REST webhook."""
    data = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
    headers = kwargs.pop("headers", JSON)
    return requests.post(f"{url}{REST}", data=data, headers=headers, timeout=30, **kwargs)


def rest_text(url: str, sender: str, message: str) -> str:
    """The joined reply texts to one REST message."""
    response = rest(url, {"sender": sender, "message": message})
    assert response.status_code == 200, response.text
    return "\n".join(m.get("text", "") for m in response.json())


def session(url: str) -> str:
    """A web chat sender token issued by the server."""
    response = requests.post(f"{url}{WEBCHAT}session", timeout=10)
    assert response.status_code == 200
    return response.json()["sender"]


def webchat(url: str, sender: str, message: str, **kwargs) -> requests.Response:
    """POST one web chat message."""
    headers = kwargs.pop("headers", JSON)
    body = json.dumps({"sender": sender, "message": message}, ensure_ascii=False).encode()
    return requests.post(f"{url}{WEBCHAT}webhook", data=body, headers=headers, timeout=30)


def wechat(url: str, xml: str, **query: str) -> requests.Response:
    """A plain-mode push of ``xml``, signed like the platform, query fields overridable."""
    params, body = plain_push(xml)
    params.update(query)
    return requests.post(f"{url}{WECHAT}", params=params, data=body, timeout=30)


def wechat_text(response: requests.Response) -> str:
    """The Content of a passive reply."""
    assert response.status_code == 200, response.text
    return open_reply(response.text, False).findtext("Content") or ""


def fresh(prefix: str) -> str:
    """A new sender id."""
    return f"{prefix}{uuid.uuid4().hex[:16]}"


# -- bounds ------------------------------------------------------------------------------


@pytest.mark.parametrize("length", [301, 2_000])
def test_long_rest_message_gets_a_polite_reply_and_is_not_run(assistant_url, length):
    sender = fresh("long")
    started = time.monotonic()
    text = rest_text(assistant_url, sender, "宁波失业金" * (length // 5 + 1))
    assert TOO_LONG in text
    assert time.monotonic() - started < 5
    assert user_turns(assistant_url, f"rest:{sender}") == 0  # nothing run, nothing stored


def test_long_wechat_and_webchat_messages_get_the_same_reply(assistant_url):
    long_text = "我想问一下失业金的事情，" * 40
    assert TOO_LONG in wechat_text(wechat(assistant_url, text_xml(fresh("o"), long_text)))
    reply = webchat(assistant_url, session(assistant_url), long_text)
    assert TOO_LONG in reply.json()[0]["text"]


def test_message_of_three_hundred_characters_is_run(assistant_url):
    sender = fresh("edge")
    question = ("宁波交了3年能领几个月" * 30)[:300]
    assert TOO_LONG not in rest_text(assistant_url, sender, question)
    assert user_turns(assistant_url, f"rest:{sender}") == 1


@pytest.mark.parametrize("size", [9 * 1024, 1024 * 1024])
def test_big_bodies_are_refused(assistant_url, size):
    body = json.dumps({"sender": "big", "message": "x" * size}).encode()
    assert rest(assistant_url, body).status_code == 413
    assert webchat(assistant_url, "x", "x" * size).status_code == 413


def test_client_metadata_is_not_stored(assistant_url):
    sender = fresh("meta")
    body = {"sender": sender, "message": "你好", "metadata": {"blob": "m" * 4000}}
    assert rest(assistant_url, body).status_code == 200
    (event,) = user_events(assistant_url, f"rest:{sender}")
    assert "m" * 100 not in json.dumps(event)


def test_control_characters_are_dropped_before_the_model(assistant_url):
    sender = fresh("ctl")
    assert "1395" in rest_text(assistant_url, sender, "宁波\x00每月\x1b失业金多少")
    (event,) = user_events(assistant_url, f"rest:{sender}")
    assert event["text"] == "宁波每月失业金多少"


def test_typed_rasa_commands_neither_reset_nor_break_a_conversation(assistant_url):
    sender = fresh("cmd")
    rest_text(assistant_url, sender, "我在宁波")
    for command in ("/restart", "/session_start", "/back"):
        assert "系统暂时出了点问题" not in rest_text(assistant_url, sender, command)
    assert "1395" in rest_text(assistant_url, sender, "每月失业金多少")  # still in Ningbo


def raw_request(url: str, head: bytes, body: bytes = b"", timeout_s: float = 10.0) -> bytes:
    """Send a hand-made HTTP/1.1 request; the first bytes of the answer (b"" on time-out)."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=timeout_s) as connection:
        connection.sendall(head + b"\r\n\r\n" + body)
        try:
            return connection.recv(200)
        except TimeoutError:
            return b""


@pytest.mark.parametrize(
    "framing",
    [
        b"Content-Length: -1",
        b"Content-Length: 30\r\nContent-Length: 5",
        b"Content-Length: 4\r\nTransfer-Encoding: chunked",
        b"Transfer-Encoding: gzip",
    ],
    ids=["negative length", "two lengths", "length and chunked", "other encoding"],
)
def test_unclear_body_length_is_refused_and_the_server_stays_up(assistant_url, framing):
    head = (
        b"POST /webhooks/rest/webhook HTTP/1.1\r\nHost: x\r\n"
        b"Content-Type: application/json\r\nConnection: close\r\n" + framing
    )
    answer = raw_request(assistant_url, head, b'{"sender":"cl","message":"hi"}')
    assert answer.startswith(b"HTTP/1.1 400"), answer
    assert "1395" in rest_text(assistant_url, fresh("after"), "宁波每月失业金多少")


# -- whose conversation it is ---------------------------------------------------------------


def test_a_wechat_openid_sent_over_rest_reaches_a_different_conversation(assistant_url):
    openid = fresh("o")
    wechat_text(wechat(assistant_url, text_xml(openid, "我在宁波，交了3年")))
    reply = rest_text(assistant_url, openid, "每月能领多少钱")
    assert "1395" not in reply  # the REST client does not inherit the WeChat user's region
    assert user_turns(assistant_url, f"wechat:{openid}") == 1
    assert user_turns(assistant_url, f"rest:{openid}") == 1


@pytest.mark.parametrize(
    "body",
    [
        {"message": "你好"},
        {"sender": "", "message": "你好"},
        {"sender": "../../etc/passwd", "message": "你好"},
        {"sender": "s" * 1_000, "message": "你好"},
        {"sender": ["a", "b"], "message": "你好"},
        {"sender": "ok", "message": ""},
        {"sender": "ok", "message": 42},
        {"sender": "ok"},
        [],
        "你好",
        None,
        42,
    ],
    ids=lambda body: json.dumps(body)[:30],
)
def test_malformed_rest_requests_are_a_bad_request(assistant_url, body):
    response = rest(assistant_url, body)
    assert response.status_code == 400, response.text
    assert "error" in response.json()


def test_rest_wants_json(assistant_url):
    body = json.dumps({"sender": "a", "message": "你好"}).encode()
    assert rest(assistant_url, body, headers={"Content-Type": "text/plain"}).status_code == 415
    assert rest(assistant_url, b"{not json", headers=JSON).status_code == 400


def test_webchat_senders_are_issued_by_the_server(assistant_url):
    made_up = webchat(assistant_url, "web-lx2k3-abcdefghij", "宁波每月失业金多少")
    assert made_up.status_code == 403
    token = session(assistant_url)
    assert "1395" in webchat(assistant_url, token, "宁波每月失业金多少").json()[0]["text"]
    session_id = token.partition(".")[0]
    assert user_turns(assistant_url, f"webchat:{session_id}") == 1


def test_an_openid_used_as_a_webchat_sender_is_refused(assistant_url):
    openid = fresh("o")
    wechat_text(wechat(assistant_url, text_xml(openid, "我在宁波")))
    assert webchat(assistant_url, openid, "每月能领多少钱").status_code == 403


# -- the web chat page ----------------------------------------------------------------------


def test_webchat_accepts_only_json_posts(assistant_url):
    token = session(assistant_url)
    for content_type in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data"):
        response = webchat(assistant_url, token, "你好", headers={"Content-Type": content_type})
        assert response.status_code == 415, content_type


@pytest.mark.parametrize("path", ["", "static/chat.js", "config"])
def test_webchat_page_cannot_be_framed_or_run_foreign_scripts(assistant_url, path):
    headers = requests.get(f"{assistant_url}{WEBCHAT}{path}", timeout=10).headers
    policy = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and "script-src 'self'" in policy
    assert headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(
    "name",
    ["x" * 5_000 + ".js", "..%2F..%2Fdomain.yml", ".hidden.js", "chat.jsx"],
    ids=["5000 characters", "dot-dot", "hidden", "other suffix"],
)
def test_odd_static_names_are_not_found(assistant_url, name):
    assert requests.get(f"{assistant_url}{WEBCHAT}static/{name}", timeout=10).status_code == 404


# -- WeChat ---------------------------------------------------------------------------------


def now() -> str:
    """The current Unix time as the platform writes it."""
    return str(int(time.time()))


@pytest.mark.parametrize("timestamp", ["²", "1" * 5_000, "١٧٠٠٠٠٠٠٠٠", "-1", ""])
def test_odd_timestamps_are_a_bad_request(assistant_url, timestamp):
    response = wechat(assistant_url, text_xml(fresh("o"), "你好"), timestamp=timestamp)
    assert response.status_code == 400


def test_handshake_refuses_a_stale_timestamp(assistant_url):
    stale, n = str(int(time.time()) - 3600), nonce()
    query = {"signature": sign(TOKEN, stale, n), "timestamp": stale, "nonce": n, "echostr": "e1"}
    assert requests.get(f"{assistant_url}{WECHAT}", params=query, timeout=10).status_code == 403


def signed_body(url: str, body: bytes) -> requests.Response:
    """Post any body with a valid plain-mode signature."""
    params, _ = plain_push("")
    return requests.post(f"{url}{WECHAT}", params=params, data=body, timeout=30)


def push_with(sender: str, **fields: str) -> str:
    """A text push with some fields replaced by raw XML values."""
    values = {
        "ToUserName": "gh_test",
        "FromUserName": sender,
        "CreateTime": now(),
        "MsgType": "text",
        "Content": "你好",
        "MsgId": str(10**15 + int(time.time())),
        **fields,
    }
    return "<xml>" + "".join(f"<{k}>{v}</{k}>" for k, v in values.items()) + "</xml>"


@pytest.mark.parametrize(
    "fields",
    [
        {"MsgId": "not-a-number"},
        {"CreateTime": "yesterday"},
        {"Content": "<b>1</b><i>2</i>"},
        {"FromUserName": "<![CDATA[a]]]]><![CDATA[>b]]>"},
    ],
    ids=["msgid", "createtime", "content children", "cdata end in sender"],
)
def test_signed_pushes_with_odd_fields_are_a_bad_request(assistant_url, fields):
    sender = fresh("o")
    response = signed_body(assistant_url, push_with(sender, **fields).encode())
    assert response.status_code == 400, response.text
    assert user_turns(assistant_url, f"wechat:{sender}") == 0


def test_a_repeated_sender_field_is_refused(assistant_url):
    first, second = fresh("o"), fresh("o")
    xml = push_with(first).replace("</xml>", f"<FromUserName>{second}</FromUserName></xml>")
    assert signed_body(assistant_url, xml.encode()).status_code == 400
    assert user_turns(assistant_url, f"wechat:{first}") == 0


def test_signed_utf16_push_with_entities_is_refused(assistant_url):
    sender = fresh("o")
    xml = (
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY e "宁波失业金多少">]>'
        + push_with(sender, Content="&e;")
    )
    for body in (xml.encode("utf-16"), xml.encode("utf-16-le")):
        assert signed_body(assistant_url, body).status_code == 400
    assert user_turns(assistant_url, f"wechat:{sender}") == 0


def test_one_msg_id_from_two_senders_gets_two_answers(assistant_url):
    msg_id = 9_300_000_000_000_000 + int(time.time())
    alice, bob = fresh("o"), fresh("o")
    first = wechat_text(wechat(assistant_url, text_xml(alice, "宁波每月失业金多少", msg_id)))
    second = wechat_text(wechat(assistant_url, text_xml(bob, "鹿城区就业服务中心的地址", msg_id)))
    assert "1395" in first and "车站大道554号" in second
    assert user_turns(assistant_url, f"wechat:{bob}") == 1


def test_two_menu_clicks_in_one_second_are_both_answered(assistant_url):
    user, created = fresh("o"), int(time.time())
    documents = wechat_text(wechat(assistant_url, event_xml(user, "CLICK", "DOCUMENTS", created)))
    conditions = wechat_text(
        wechat(assistant_url, event_xml(user, "CLICK", "ELIGIBILITY", created))
    )
    assert documents and conditions
    assert user_turns(assistant_url, f"wechat:{user}") == 2


# -- logs -----------------------------------------------------------------------------------


def test_refusals_log_one_line_without_url_or_traceback(assistant_url, plain_workdir: Path):
    for timestamp in ("²", "1" * 5_000):
        wechat(assistant_url, text_xml(fresh("o"), "你好"), timestamp=timestamp)
    rest(assistant_url, [])
    log = (plain_workdir / "rasa.log").read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in log
    assert not re.search(r"signature=[0-9a-f]{40}", log)


# -- exposure -------------------------------------------------------------------------------


def listening_addresses(port: int) -> set:
    """The IPv4/IPv6 addresses (hex, as /proc/net shows them) listening on ``port``."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, _, port_hex = local.partition(":")
            if state == "0A" and int(port_hex, 16) == port:
                found.add(address)
    return found


def test_action_server_listens_on_loopback_only(assistant_url, plain_workdir: Path):
    endpoints = (plain_workdir / "endpoints.yml").read_text()
    port = int(re.search(r"127\.0\.0\.1:(\d+)/webhook", endpoints).group(1))
    assert listening_addresses(port) == {"0100007F"}  # 127.0.0.1, nothing else
