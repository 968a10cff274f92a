"""The operator report on stores filled by the running assistant (SQLite, then PostgreSQL)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict, List

import pytest
import requests
import yaml

from harness.servers import ROOT, running_assistant, sqlite_stores
from harness.services import postgres_available, postgres_server, postgres_stores

ID_NUMBER = "330203199001011234"
PHONE = "13905741234"
# sender → messages, played in order; the comments say what the report must make of them.
CONVERSATIONS: Dict[str, List[str]] = {
    "report-alice": ["宁波失业金要什么材料", "谢谢"],  # answered from a guide, then small talk
    "report-bob": [f"上海的，身份证{ID_NUMBER}，失业金怎么领"],  # uncovered region, masked
    "report-carol": ["温州失业金一个月多少钱"],  # not in the guide
    "report-dave": ["电话是多少"],  # the place was asked for and never given
    "report-erin": ["宁波失业金能领多久", "宁波失业金能领多久啊"],  # asked again right away
    "report-fay": ["电话是多少", "宁波"],  # the place asked for, then given: answered
    "report-gus": [f"上海失业保险金怎么申请，电话{PHONE}"],  # uncovered region, masked
}
MESSAGES = sum(len(texts) for texts in CONVERSATIONS.values())


def say(url: str, sender: str, text: str) -> None:
    reply = requests.post(
        f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=60
    )
    assert reply.status_code == 200, reply.text


def play(url: str, conversations: Dict[str, List[str]]) -> None:
    for sender, texts in conversations.items():
        for text in texts:
            say(url, sender, text)


def run_report(endpoints: Path, out: Path) -> str:
    finished = subprocess.run(
        [sys.executable, "-m", "bot.report", "--endpoints", str(endpoints), "--since", "1d"]
        + ["--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert finished.returncode == 0, finished.stderr
    return finished.stdout


def figure(markdown: str, pattern: str) -> str:
    match = re.search(pattern, markdown)
    assert match, (pattern, markdown[:600])
    return match.group(1)


def table(markdown: str, heading: str) -> List[List[str]]:
    """The rows of the Markdown table under ``## heading``."""
    section = markdown.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("| ")][1:]
    return [[cell.strip() for cell in line.strip("| ").split(" | ")] for line in lines]


@pytest.fixture(scope="module")
def sqlite_report(tmp_path_factory) -> Dict[str, object]:
    """A report of conversations played through the assistant on the SQLite default store."""
    work = tmp_path_factory.mktemp("report")
    db = work / "conversations.db"
    with running_assistant(work / "assistant", stores=sqlite_stores(db)) as url:
        play(url, CONVERSATIONS)
    endpoints = work / "endpoints.yml"
    endpoints.write_text(sqlite_stores(db), encoding="utf-8")
    out = work / "out"
    printed = run_report(endpoints, out)
    markdown = (out / "report.md").read_text("utf-8")
    return {"out": out, "printed": printed, "md": markdown, "db": db}


def test_the_report_counts_people_conversations_and_messages(sqlite_report):
    markdown = sqlite_report["md"]
    assert figure(markdown, r"对话 (\d+) 次") == str(len(CONVERSATIONS))
    assert figure(markdown, r"用户 (\d+) 人") == str(len(CONVERSATIONS))
    assert figure(markdown, r"消息 (\d+) 条") == str(MESSAGES)
    assert table(markdown, "渠道") == [["rest", "7", "7", str(MESSAGES)]]
    (day,) = table(markdown, "每天")
    assert day[1:] == ["7", "7", str(MESSAGES)]


def test_the_unanswered_messages_are_listed_by_kind(sqlite_report):
    kinds = {row[0]: int(row[1]) for row in table(sqlite_report["md"], "没答上的（按原因）")}
    assert kinds == {
        "指南未覆盖的地区": 2,
        "指南没有写": 1,
        "地点没弄清": 1,
        "回答后又问了一遍": 1,
    }
    groups = table(sqlite_report["md"], "没答上的（按相近说法归组，最多的在前）")
    examples = {row[1]: (int(row[0]), row[2], row[3]) for row in groups}
    assert examples["温州失业金一个月多少钱"] == (1, "指南没有写", "温州市")
    assert examples["宁波失业金能领多久"] == (1, "回答后又问了一遍", "宁波市")
    assert examples["电话是多少"] == (1, "地点没弄清", "—")
    shanghai = [row for row in groups if "上海" in row[1]]
    assert sum(int(row[0]) for row in shanghai) == 2  # similar wording, one group or two


def test_no_sender_id_and_no_personal_number_reaches_the_report(sqlite_report):
    for path in Path(sqlite_report["out"]).iterdir():
        text = path.read_text(encoding="utf-8")
        assert "report-" not in text, path.name
        assert ID_NUMBER not in text and PHONE not in text, path.name
    assert "［身份证号］" in sqlite_report["md"] and "［手机号］" in sqlite_report["md"]


def test_the_share_answered_from_a_guide_and_the_topics(sqlite_report):
    markdown = sqlite_report["md"]
    # Questions: all but 谢谢 (small talk) and 宁波 (answered: it names the place asked for).
    questions = int(figure(markdown, r"其中提问 (\d+) 条"))
    assert questions == MESSAGES - 1
    answered = {"宁波失业金要什么材料", "宁波失业金能领多久啊", "宁波"}
    assert figure(markdown, r"由指南作答：\*\*(\d+)%") == str(
        round(100 * len(answered) / questions)
    )
    topics = {row[0]: int(row[1]) for row in table(markdown, "问了什么（按话题）")}
    assert topics["要带的材料"] == 1 and topics["能领多久"] == 2


def test_the_nlu_candidates_file_is_rasa_nlu_data(sqlite_report):
    from rasa.shared.nlu.training_data.loading import load_data

    path = Path(sqlite_report["out"]) / "nlu_candidates.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["version"] == "3.1"
    assert all(block["intent"] == "TODO" for block in data.get("nlu") or [])
    load_data(str(path))  # Rasa reads it


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (make browser)")
def test_the_page_renders_in_chromium_with_its_plot(sqlite_report):
    playwright = pytest.importorskip("playwright.sync_api")
    from tests.e2e.test_webchat import CHROMIUM_ARGS

    page_path = Path(sqlite_report["out"]) / "report.html"
    errors: List[str] = []
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            tab = browser.new_page(viewport={"width": 1000, "height": 1400})
            tab.on("pageerror", lambda error: errors.append(str(error)))
            tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            tab.goto(page_path.as_uri())
            plot = tab.locator("#plot")
            assert plot.is_visible()
            box = plot.bounding_box()
            assert box["width"] > 300 and box["height"] > 100
            bars = tab.locator("#plot rect.bar.messages")
            assert bars.count() == 1 and bars.first.bounding_box()["height"] > 50
            colour = bars.first.evaluate("bar => getComputedStyle(bar).fill")
            assert colour not in ("", "none", "rgb(0, 0, 0)")  # coloured by the page's CSS
            assert tab.locator("#messages b").inner_text() == str(MESSAGES)
            shots = ROOT / "results" / "screenshots"
            shots.mkdir(parents=True, exist_ok=True)
            tab.screenshot(path=str(shots / "report.png"), full_page=False)
        finally:
            browser.close()
    assert errors == []


@pytest.mark.skipif(not postgres_available(), reason="PostgreSQL 15 missing (make services)")
def test_the_report_reads_a_postgresql_store(tmp_path):
    with postgres_server() as pg:
        stores = postgres_stores(pg)
        played = {sender: CONVERSATIONS[sender] for sender in ("report-alice", "report-carol")}
        with running_assistant(tmp_path / "assistant", stores=stores) as url:
            play(url, played)
        endpoints = tmp_path / "endpoints.yml"
        endpoints.write_text(stores, encoding="utf-8")
        run_report(endpoints, tmp_path / "out")
    markdown = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert figure(markdown, r"用户 (\d+) 人") == "2"
    assert figure(markdown, r"消息 (\d+) 条") == "3"
    groups = table(markdown, "没答上的（按相近说法归组，最多的在前）")
    assert [row[1] for row in groups] == ["温州失业金一个月多少钱"]


def test_the_scale_benchmark_copies_played_conversations_and_times_the_report(
    sqlite_report, tmp_path
):
    from bench.report_scale import copied_store, timed_report

    events = copied_store(sqlite_report["db"], tmp_path / "copies.db", 30)
    assert events > 30 * 3
    measured = timed_report(tmp_path / "copies.db", tmp_path / "out")
    assert measured["printed"].startswith("30 users, 30 conversations")
    assert measured["peak_mb"] > 50 and measured["seconds"] > 0
