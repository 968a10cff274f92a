"""Feedback and handoff records in the report: counted by topic and region, misses listed."""

from __future__ import annotations

import datetime as dt

import yaml

from bot.report.render import candidates_yaml, markdown, page, rows
from bot.report.settings import default_settings
from bot.report.tally import Tally
from bot.report.turns import read_turns
from tests.report.events import T0, reply, slot, user

SINCE = dt.datetime(2026, 11, 11, tzinfo=dt.timezone.utc)
UNTIL = dt.datetime(2026, 11, 18, 12, tzinfo=dt.timezone.utc)
PHONE = "13905741234"


def record(helpful: bool, question: str) -> dict:
    value = {"helpful": helpful, "question": question, "answer": ["utter_duration_rule"]}
    return slot("feedback", {**value, "answer_text": f"宁波市·能领多久\n第二行 {PHONE}"})


def conversation() -> list:
    return [
        user("宁波失业金能领多久", "ask_duration", T0),
        slot("user_region", "宁波市"),
        slot("topic", "duration"),
        *reply("utter_duration_rule"),
        user("没用", "deny", T0 + 10),
        record(False, "宁波失业金能领多久"),
        slot("feedback_pending", True),
        *reply("utter_complaint", cited=False),
        user(f"我想问能不能续，电话{PHONE}", "ask_eligibility", T0 + 20),
        slot("feedback_wanted", f"我想问能不能续，电话{PHONE}"),
        slot("topic", "conditions"),
        *reply("utter_conditions"),
        user("有用", "affirm", T0 + 30),
        record(True, "我想问能不能续"),
        *reply("utter_feedback_thanks", cited=False),
        user("转人工", "human_handoff", T0 + 40),
        slot("handoff", {"reason": "asked"}),
        *reply("utter_handoff_hotline", cited=False),
    ]


def tally() -> Tally:
    counted = Tally(default_settings())
    counted.add(read_turns(conversation(), default_settings()))
    return counted


def test_feedback_belongs_to_the_answer_before_it_and_what_was_wanted_to_the_miss():
    turns = read_turns(conversation(), default_settings())
    assert [turn.rated for turn in turns] == [False, None, True, None, None]
    assert turns[0].wanted == "我想问能不能续，电话［手机号］"
    assert turns[0].answer.startswith("宁波市·能领多久") and PHONE not in turns[0].answer
    assert [turn.handoff for turn in turns] == [None, None, None, None, "asked"]


def test_helpfulness_by_topic_and_region_and_handoffs_by_reason():
    tables = rows(tally())
    assert tables["rated_topic"] == [["能领多久", 0, 1, "0%"], ["领取条件", 1, 0, "100%"]]
    assert tables["rated_region"] == [["宁波市", 1, 1, "50%"]]
    assert tables["miss"] == [
        ["宁波失业金能领多久", "宁波市·能领多久", "我想问能不能续，电话［手机号］", "宁波市"]
    ]
    assert tables["handoff"] == [["用户要求转人工", 1]]


def test_有用_and_没用_are_not_counted_as_questions():
    assert tally().questions == 3  # 能领多久, 能不能续, 转人工


def test_the_files_show_them_and_mask_numbers():
    counted = tally()
    text = markdown(counted, SINCE, UNTIL)
    assert "有用 **1** 次，没用 **1** 次；转人工 **1** 次" in text
    html = page(counted, SINCE, UNTIL)
    assert 'id="misses"' in html and PHONE not in html and PHONE not in text
    blocks = yaml.safe_load(candidates_yaml(counted))["nlu"]
    missed = blocks[-1]["examples"]
    assert "宁波失业金能领多久" in missed and "我想问能不能续" in missed
