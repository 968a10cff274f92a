"""Turns and their outcomes, read from Rasa events as the tracker store holds them."""

from __future__ import annotations

from typing import List, Optional

import pytest
from rasa.shared.core.events import SessionStarted

from bot.report.settings import default_settings
from bot.report.tally import Tally
from bot.report.turns import read_turns
from tests.report.events import T0, reply, slot, user


def kinds(events: List[dict]) -> List[Optional[str]]:
    return [turn.kind for turn in read_turns(events, default_settings())]


def test_an_answer_from_a_guide_keeps_the_place_and_topic_set_earlier():
    events = [
        SessionStarted(timestamp=T0).as_dict(),
        user("宁波失业金要什么材料", "ask_documents", T0),
        slot("user_region", "宁波市"),
        slot("topic", "documents"),
        *reply("utter_documents_on_site"),
        user("在哪办", "ask_office", T0 + 600),  # region and topic slots not set again
        *reply("utter_region_offices"),
    ]
    first, second = read_turns(events, default_settings())
    assert (first.kind, first.from_guide, first.topic, first.region) == (
        None,
        True,
        "documents",
        "宁波市",
    )
    assert (second.region, second.session, second.channel) == ("宁波市", 1, "rest")


@pytest.mark.parametrize(
    "follow_up, expected",
    [
        ([user("宁波", "inform", T0 + 30), *reply("utter_office_phone")], [None, None]),
        ([], ["unresolved_place"]),
        (
            [user("宁波", "inform", T0 + 30), *reply("utter_default", cited=False)],
            ["unresolved_place", "fallback"],
        ),
    ],
)
def test_a_place_asked_for_counts_only_when_the_next_message_is_not_answered(follow_up, expected):
    events = [user("电话是多少", "ask_phone", T0), *reply("utter_ask_region", cited=False)]
    assert kinds(events + follow_up) == expected


@pytest.mark.parametrize(
    "second_at, second_area, flagged",
    [
        (T0 + 60, None, True),  # the same question again a minute later
        (T0 + 3600, None, False),  # an hour later: a new question
        (T0 + 60, "海曙区", False),  # about another area: a follow-up
    ],
)
def test_the_same_question_right_after_its_answer_means_it_missed(second_at, second_area, flagged):
    events = [
        user("宁波失业金能领多久", "ask_duration", T0),
        slot("user_region", "宁波市"),
        *reply("utter_duration_rule"),
        user("宁波失业金能领多久啊", "ask_duration", second_at),
        *([slot("user_area", second_area)] if second_area else []),
        *reply("utter_duration_rule", at=second_at),
    ]
    assert kinds(events) == (["asked_again", None] if flagged else [None, None])


def test_the_tally_counts_days_in_china_time_sessions_and_low_confidence():
    late_evening_utc = 1_795_035_600.0  # 2026-11-18 21:00 UTC = 2026-11-19 05:00 in China
    events = [
        SessionStarted(timestamp=T0).as_dict(),
        user("你好", "greet", T0),
        *reply("utter_greet", cited=False),
        SessionStarted(timestamp=late_evening_utc).as_dict(),
        user("嗯嗯那个啥", "ask_office", late_evening_utc, confidence=0.3),
        *reply("utter_ask_region", cited=False),
    ]
    tally = Tally(default_settings())
    tally.add(read_turns(events, default_settings()))
    assert (tally.users, tally.conversations, tally.messages, tally.questions) == (1, 2, 2, 1)
    assert {day: dict(counts) for day, counts in tally.days.items()} == {
        "2026-11-18": {"users": 1, "conversations": 1, "messages": 1},
        "2026-11-19": {"users": 1, "conversations": 1, "messages": 1},
    }
    assert dict(tally.candidates) == {"ask_office": {"嗯嗯那个啥": 1}}
    assert tally.unanswered == {"unresolved_place": 1}
