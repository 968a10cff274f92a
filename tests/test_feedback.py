"""Feedback and handoff records: what each kind of turn stores and replies."""

from __future__ import annotations

from typing import List

import pytest
from rasa.shared.core.events import BotUttered, UserUttered

from bot import feedback
from bot.feedback import Exchange, after_answer, previous_exchange
from bot.replies import Reply

ANSWER = Exchange("宁波失业金能领多久", ("utter_duration_rule",), "宁波市·失业保险金能领多久：…")
NOT_COVERED = Exchange("领完了还能续吗", ("utter_question_not_in_guide",), "指南没有写…")
HANDOFF = [Reply("utter_handoff_hotline", {"hotline": "12333"})]


def step(responses: List[str], previous=ANSWER, text="", pending=False, misses=0):
    replies = [Reply(name) for name in responses]
    return after_answer(replies, previous, text, pending, misses, lambda: list(HANDOFF))


@pytest.mark.parametrize(
    "responses, pending, misses, slots, handoff",
    [
        # an ordinary answer records nothing
        (["utter_duration_rule"], False, 0, {}, None),
        # 没用: the answer before is recorded as missed; the next message will say what was wanted
        (
            ["utter_complaint"],
            False,
            0,
            {
                "feedback": {
                    "helpful": False,
                    "question": ANSWER.question,
                    "answer": ["utter_duration_rule"],
                    "answer_text": ANSWER.text,
                },
                "feedback_pending": True,
                "answer_misses": 1.0,
            },
            None,
        ),
        # 有用: recorded as helped; the misses start again
        (
            ["utter_feedback_thanks"],
            False,
            1,
            {
                "feedback": {
                    "helpful": True,
                    "question": ANSWER.question,
                    "answer": ["utter_duration_rule"],
                    "answer_text": ANSWER.text,
                },
                "answer_misses": None,
                "feedback_pending": None,
            },
            None,
        ),
        # the message after a 没用 is what was wanted (and it is answered as usual)
        (
            ["utter_duration_rule"],
            True,
            1,
            {"feedback_wanted": "我想知道能不能续", "feedback_pending": None},
            None,
        ),
        # 转人工 asked for
        (["utter_handoff_office"], False, 0, {"handoff": {"reason": "asked"}}, "asked"),
    ],
)
def test_what_a_turn_records(responses, pending, misses, slots, handoff):
    result = step(responses, text="我想知道能不能续", pending=pending, misses=misses)
    assert result.slots == slots
    assert result.handoff == handoff
    assert [r.response for r in result.replies] == responses


def test_a_person_asked_for_after_a_question_the_guide_does_not_cover():
    result = step(["utter_handoff_hotline"], previous=NOT_COVERED)
    assert result.slots == {"handoff": {"reason": "not_covered"}}


def test_the_second_miss_passes_the_person_on_instead_of_asking_again():
    result = step(["utter_complaint"], misses=feedback.MISSES_BEFORE_HANDOFF - 1)
    assert [r.response for r in result.replies] == [
        "utter_handoff_missed",
        "utter_handoff_hotline",
    ]
    assert result.handoff == "repeated_misses"
    assert result.slots["handoff"] == {"reason": "repeated_misses"}
    assert result.slots["feedback"]["helpful"] is False
    assert result.slots["answer_misses"] == 0.0 and result.slots["feedback_pending"] is None


def test_a_second_没用_right_after_the_first_is_not_what_was_wanted():
    result = step(["utter_complaint"], pending=True, misses=1)
    assert "feedback_wanted" not in result.slots


def test_long_texts_are_cut():
    result = step(["utter_duration_rule"], text="长" * 1000, pending=True)
    assert len(result.slots["feedback_wanted"]) == feedback.KEPT_CHARS


def test_the_previous_exchange_is_the_message_before_the_latest_and_its_answer():
    events = [
        UserUttered("宁波失业金能领多久").as_dict(),
        BotUttered("第一段", metadata={"utter_action": "utter_duration_rule"}).as_dict(),
        BotUttered("第二段", metadata={"utter_action": "utter_duration_ask"}).as_dict(),
        UserUttered("没用").as_dict(),
    ]
    assert previous_exchange(events) == Exchange(
        "宁波失业金能领多久", ("utter_duration_rule", "utter_duration_ask"), "第一段\n第二段"
    )
    assert previous_exchange(events[-1:]) == Exchange()
