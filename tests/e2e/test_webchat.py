"""The web chat page in headless Chromium (Debian's), against a real running assistant."""

from __future__ import annotations

import shutil
from typing import Iterator

import pytest

from harness.servers import ROOT, running_assistant

playwright = pytest.importorskip("playwright.sync_api")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOTS = ROOT / "results" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGE_PATH = "/webhooks/webchat/"
TIMEOUT_MS = 20_000

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (make browser)")


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[dict]:
    """An assistant of this module's own, so that one test can stop it."""
    handles: dict = {}
    with running_assistant(tmp_path_factory.mktemp("webchat"), handles=handles) as url:
        yield {"url": url, **handles}


@pytest.fixture(scope="module")
def browser() -> Iterator[playwright.Browser]:
    """Headless Debian Chromium driven by Playwright."""
    with playwright.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):
    """A phone-sized page (360 px wide) with a fresh conversation."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    tab = context.new_page()
    tab.set_default_timeout(TIMEOUT_MS)
    tab.goto(server["url"] + PAGE_PATH)
    wait_for_bot(tab, 1)  # the greeting
    yield tab
    context.close()


def bot_bubbles(tab) -> list:
    """Texts of the bot's bubbles."""
    return tab.locator(".row.bot:not(.typing-row) .bubble").all_inner_texts()


def wait_for_bot(tab, count: int) -> list:
    """Wait until at least ``count`` bot bubbles are shown; return their texts."""
    # A function, not an expression string: the page's CSP forbids eval, which Playwright
    # would use for a string.
    tab.wait_for_function(
        "count => document.querySelectorAll('.row.bot:not(.typing-row) .bubble').length >= count",
        arg=count,
    )
    return bot_bubbles(tab)


def ask(tab, text: str) -> str:
    """Type a question, send it, return the text of the bot's new bubbles."""
    before = len(bot_bubbles(tab))
    tab.fill("#input", text)
    tab.click("#send")
    return "\n".join(wait_for_bot(tab, before + 1)[before:])


def test_greeting_title_and_menu(page):
    assert page.inner_text("#title") == "失业保险助手"
    assert page.locator(".menu button").all_inner_texts() == [
        "领取条件",
        "申领材料",
        "办理地点",
        "待遇计算",
    ]
    assert "宁波市" in bot_bubbles(page)[0]


def test_typed_question_gets_the_answer_with_source_footnote(page):
    answer = ask(page, "鹿城区就业服务中心的地址")
    assert "车站大道554号" in answer
    footnote = page.locator(".row.bot .bubble .source").last
    assert footnote.inner_text().startswith("来源：")
    assert footnote.evaluate("e => getComputedStyle(e).fontSize") == "12px"


def test_menu_then_quick_reply(page):
    before = len(bot_bubbles(page))
    page.click(".menu button:has-text('申领材料')")
    wait_for_bot(page, before + 1)
    page.click(".quick-replies button:has-text('宁波市')")
    texts = wait_for_bot(page, before + 2)
    assert "一寸照2张" in "\n".join(texts[before + 1 :])
    assert page.locator(".row.user .bubble").last.inner_text() == "宁波市"


def test_links_are_clickable(page):
    ask(page, "温州可以在网上申请失业保险金吗")
    link = page.locator(".row.bot .bubble a[href='http://si.12333.gov.cn']").first
    assert link.get_attribute("target") == "_blank"


def test_history_survives_a_reload(page):
    ask(page, "宁波每月失业金多少")
    sender = page.evaluate("JSON.parse(localStorage.getItem('uia-webchat-v1')).sender")
    page.reload()
    page.wait_for_selector(".row.user .bubble")
    assert "1395" in "\n".join(bot_bubbles(page))
    assert page.evaluate("JSON.parse(localStorage.getItem('uia-webchat-v1')).sender") == sender
    assert "能领几个月" not in ask(page, "交了两年")  # the same conversation: a follow-up
    assert "3个月" in "\n".join(bot_bubbles(page))


def test_a_sender_the_server_did_not_issue_is_replaced(browser, server):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    tab = context.new_page()
    tab.set_default_timeout(TIMEOUT_MS)
    violations: list = []
    tab.on("console", lambda message: violations.append(message.text))
    tab.goto(server["url"] + PAGE_PATH)
    made_up = {"sender": "web-lx2k3-abcdefghij", "history": []}
    tab.evaluate(f"localStorage.setItem('uia-webchat-v1', JSON.stringify({made_up!r}))")
    tab.reload()
    wait_for_bot(tab, 1)
    assert "1395" in ask(tab, "宁波每月失业金多少")
    sender = tab.evaluate("JSON.parse(localStorage.getItem('uia-webchat-v1')).sender")
    assert sender != made_up["sender"] and "." in sender
    assert not [text for text in violations if "Content Security Policy" in text]
    context.close()


def test_injected_html_stays_text(page):
    attack = '<img src=x onerror="window.hacked=1"><script>window.hacked=2</script>'
    ask(page, attack)
    assert page.locator(".row.user .bubble").last.inner_text() == attack
    assert page.locator(".messages img").count() == 0
    assert page.evaluate("window.hacked === undefined")


@pytest.mark.parametrize(("width", "height"), [(360, 740), (1280, 800)])
def test_screenshots(browser, server, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    tab = context.new_page()
    tab.set_default_timeout(TIMEOUT_MS)
    tab.goto(server["url"] + PAGE_PATH)
    wait_for_bot(tab, 1)
    ask(tab, "温州鹿城区在哪办")
    ask(tab, "宁波交了3年能领几个月")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"webchat-{width}.png"
    tab.screenshot(path=str(path))
    assert path.stat().st_size > 10_000
    assert tab.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scrolling
    context.close()


def test_stopped_server_shows_an_error_and_keeps_the_text(page, server):
    stop_server(server)
    page.fill("#input", "宁波失业金多少")
    page.click("#send")
    page.wait_for_selector(".notice.offline")
    assert "连不上" in page.inner_text(".notice.offline")
    assert page.input_value("#input") == "宁波失业金多少"


def stop_server(server: dict) -> None:
    """Stop the module's Rasa server (the last test of the module does this)."""
    server["processes"][1].terminate()
    server["processes"][1].wait(timeout=30)
