"""Feedback and handoff through the running assistant, then in the operator report.

One assistant on the SQLite store with REST, the web chat and WeChat (plain mode, an
AppSecret, 转人工 to staff on) against the local platform stand-in. The web chat is driven
in headless Chromium; the report is run on the store and its page opened in Chromium.
"""

from __future__ import annotations

import subprocess
import sys
import uuid
from pathlib import Path
from typing import Dict, Iterator

import pytest
import requests
import yaml
from wechatpy.replies import TransferCustomerServiceReply, deserialize_reply

from harness.platform_stub import PlatformStub
from harness.servers import ROOT, running_assistant, sqlite_stores
from harness.wechat_peer import APPID, event_xml, plain_env, plain_push, text_xml
from tests.e2e.test_report import run_report, table
from tests.e2e.test_webchat import CHROMIUM, CHROMIUM_ARGS, PAGE_PATH, ask, wait_for_bot

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")

WEBHOOK = "/webhooks/wechat/webhook"
APPSECRET = "feedback-secret"
# What each person wanted after marking an answer 没用 (found again in the report).
WEBCHAT_WANTED = "我想知道失业金领完以后还能不能再续领"
WECHAT_WANTED = "我想问失业期间医保怎么交"
FORGOTTEN_WANTED = "这个人要求删除数据后不应出现"
ERASED_WANTED = "这个人的记录已被运营删除"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory) -> Iterator[Dict[str, object]]:
    """The assistant, its store and the platform stand-in."""
    work = tmp_path_factory.mktemp("feedback")
    db = work / "conversations.db"
    with PlatformStub(APPID, APPSECRET) as platform:
        env = plain_env(
            WECHAT_APPSECRET=APPSECRET,
            WECHAT_API_BASE=platform.url,
            WECHAT_KF_HANDOFF="on",
        )
        with running_assistant(work / "assistant", env=env, stores=sqlite_stores(db)) as url:
            yield {"url": url, "db": db, "work": work, "platform": platform}


def openid() -> str:
    return f"o{uuid.uuid4().hex[:20]}"


def push(url: str, xml: str) -> str:
    query, body = plain_push(xml)
    response = requests.post(f"{url}{WEBHOOK}", params=query, data=body, timeout=30)
    assert response.status_code == 200, response.text
    return response.text


def wechat_text(url: str, user: str, text: str) -> str:
    """The Content of the passive reply to one text message."""
    reply = deserialize_reply(push(url, text_xml(user, text)))
    assert reply.type == "text", reply
    return reply.content


def test_web_chat_没用_then_what_was_wanted(assistant):
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            tab = browser.new_page(viewport={"width": 360, "height": 740})
            tab.set_default_timeout(20_000)
            tab.goto(f"{assistant['url']}{PAGE_PATH}")
            wait_for_bot(tab, 1)
            assert tab.locator(".feedback").count() == 0  # not under the greeting
            ask(tab, "宁波失业金能领多久")
            assert tab.locator(".feedback button").all_inner_texts() == ["有用", "没用"]
            before = tab.locator(".row.bot:not(.typing-row) .bubble").count()
            tab.click(".feedback button.missed")
            texts = wait_for_bot(tab, before + 1)
            assert "您想知道的具体是什么" in texts[-1]
            assert tab.locator(".row.user .bubble").last.inner_text() == "没用"
            assert tab.locator(".feedback").count() == 0  # no 有用/没用 under that question
            ask(tab, WEBCHAT_WANTED)
            assert tab.locator(".feedback").count() == 1  # under the new answer only
        finally:
            browser.close()


def test_wechat_没用_asks_what_was_wanted_and_never_ends(assistant):
    url = assistant["url"]
    user = openid()
    assert "24个月" in wechat_text(url, user, "宁波失业金能领多久")
    reply = wechat_text(url, user, "没用")
    assert "您想知道的具体是什么" in reply and "再见" not in reply
    assert wechat_text(url, user, WECHAT_WANTED)
    assert "谢谢" in wechat_text(url, user, "有用")


def test_two_misses_pass_the_person_to_staff(assistant):
    url, platform = assistant["url"], assistant["platform"]
    platform.online_staff = [{"kf_account": "kf1@test", "status": 1, "accepted_case": 0}]
    user = openid()
    wechat_text(url, user, "温州失业金一个月多少钱")
    wechat_text(url, user, "答非所问")
    wechat_text(url, user, "每个月到底能拿多少钱")
    reply = deserialize_reply(push(url, text_xml(user, "没用")))
    assert isinstance(reply, TransferCustomerServiceReply)


def test_转人工_is_passed_to_staff_and_the_wait_goes_to_them(assistant):
    url, platform = assistant["url"], assistant["platform"]
    platform.online_staff = [{"kf_account": "kf1@test", "status": 1, "accepted_case": 0}]
    user = openid()
    reply = deserialize_reply(push(url, text_xml(user, "转人工")))
    assert isinstance(reply, TransferCustomerServiceReply)
    assert (reply.target, reply.source) == (user, "gh_test")
    # told by a customer-service message that a person will answer
    sent = _sent_to(platform, user)
    assert sent and "人工客服" in sent[0]["text"]["content"]
    # while waiting in the staff's queue the platform still pushes here: passed on too
    assert isinstance(
        deserialize_reply(push(url, text_xml(user, "在吗"))), TransferCustomerServiceReply
    )
    # an event is never passed to staff (the platform's rule)
    menu = deserialize_reply(push(url, event_xml(user, "CLICK", "DOCUMENTS")))
    assert menu.type == "text"


def test_转人工_with_no_staff_online_gets_the_office(assistant):
    url, platform = assistant["url"], assistant["platform"]
    platform.online_staff = []
    user = openid()
    wechat_text(url, user, "我在鹿城区")
    reply = wechat_text(url, user, "转人工")
    assert "现在没有在线的人工客服" in reply and "车站大道554号" in reply


def test_a_forgotten_person_leaves_no_feedback(assistant):
    url = assistant["url"]
    user = openid()
    wechat_text(url, user, "宁波失业金能领多久")
    wechat_text(url, user, "没用")
    wechat_text(url, user, FORGOTTEN_WANTED)
    assert push(url, event_xml(user, "unsubscribe")) == "success"


def test_an_erased_person_leaves_no_feedback(assistant):
    url, sender = assistant["url"], f"erase-{uuid.uuid4().hex[:8]}"
    for text in ("宁波失业金能领多久", "没用", ERASED_WANTED):
        response = requests.post(
            f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=60
        )
        assert response.status_code == 200
    endpoints = Path(assistant["work"]) / "endpoints.yml"
    endpoints.write_text(sqlite_stores(assistant["db"]), encoding="utf-8")
    erased = subprocess.run(
        [sys.executable, "-m", "bot.stores.erase", "--endpoints", str(endpoints), f"rest:{sender}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert erased.returncode == 0 and "events deleted" in erased.stdout, erased.stderr
    assert int(erased.stdout.split(": ")[1].split()[0]) > 0


def _sent_to(platform: PlatformStub, user: str, timeout_s: float = 10.0) -> list:
    import time

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        sent = [body for body in platform.sent if body.get("touser") == user]
        if sent:
            return sent
        time.sleep(0.1)
    return []


@pytest.fixture(scope="module")
def report(assistant) -> Dict[str, object]:
    """The report of everything the tests above played (run after them)."""
    endpoints = Path(assistant["work"]) / "endpoints.yml"
    endpoints.write_text(sqlite_stores(assistant["db"]), encoding="utf-8")
    out = Path(assistant["work"]) / "out"
    run_report(endpoints, out)
    return {
        "out": out,
        "md": (out / "report.md").read_text(encoding="utf-8"),
        "candidates": (out / "nlu_candidates.yml").read_text(encoding="utf-8"),
    }


def test_the_report_lists_the_misses_with_what_was_wanted(report):
    misses = table(report["md"], "标记为“没用”的回答（最新的在前）")
    wanted = {row[2]: row for row in misses}
    assert wanted[WEBCHAT_WANTED][0] == "宁波失业金能领多久"
    assert wanted[WECHAT_WANTED][0] == "宁波失业金能领多久"
    assert FORGOTTEN_WANTED not in report["md"] and ERASED_WANTED not in report["md"]
    by_topic = {row[0]: row for row in table(report["md"], "回答有没有用（按话题）")}
    assert int(by_topic["能领多久"][2]) == 2 and int(by_topic["能领多久"][1]) == 0
    reasons = {row[0]: int(row[1]) for row in table(report["md"], "转人工（按原因）")}
    assert reasons == {"用户要求转人工": 2, "多次标记“没用”": 1}


def test_the_misses_are_nlu_candidates(report):
    data = yaml.safe_load(report["candidates"])
    examples = "\n".join(block["examples"] for block in data["nlu"])
    assert WEBCHAT_WANTED in examples and WECHAT_WANTED in examples
    assert FORGOTTEN_WANTED not in examples and ERASED_WANTED not in examples


def test_the_report_page_shows_them_in_chromium(report):
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            tab = browser.new_page(viewport={"width": 1000, "height": 1400})
            tab.goto((Path(report["out"]) / "report.html").as_uri())
            misses = tab.locator("#misses").inner_text()
            assert WEBCHAT_WANTED in misses and WECHAT_WANTED in misses
            assert tab.locator("#missed b").inner_text() == "4"
            assert "用户要求转人工" in tab.locator("#handoffs-by-reason").inner_text()
        finally:
            browser.close()
