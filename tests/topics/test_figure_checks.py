"""A figure said back to check it: right or wrong against the one worked out."""

import pytest

from bot.replies import Reply
from bot.topics.figure_checks import amount_check, deadline_check, figure_check

DEADLINE = Reply(
    "utter_deadline_in_time",
    {
        "due": "2027年1月14日",
        "due_on": "2027-01-14",
        "rule": "自终止或者解除劳动关系之日起60日内申报。",
        "source": "宁波 三",
    },
)
TOTAL = Reply(
    "utter_migrant_result",
    {"total": "2790", "monthly": "1395", "effective": "2015年11月", "source": "宁波 五（三）"},
)


@pytest.mark.parametrize(
    ("replies", "guessed", "response"),
    [
        ([DEADLINE], "1-14", "utter_deadline_check_yes"),
        ([DEADLINE], "1-15", "utter_deadline_check_no"),
        # nothing worked out (no day of leaving yet): no check, the answer as it is
        ([Reply("utter_deadline_rule", {"rule": "60日内"})], "1-14", None),
    ],
)
def test_deadline_check(replies, guessed, response):
    checked = deadline_check(None, replies, guessed)
    assert (checked.response if checked else None) == response


@pytest.mark.parametrize(
    ("guessed", "response"),
    [
        ("2790", "utter_amount_check_yes"),
        # "2800左右": about right
        ("2800", "utter_amount_check_yes"),
        ("3000", "utter_amount_check_no"),
        ("1395", "utter_amount_check_no"),
    ],
)
def test_amount_check(guessed, response):
    checked = amount_check(None, [TOTAL], guessed)
    assert checked is not None and checked.response == response
    assert checked.values["guessed"] == guessed


def test_amount_check_needs_a_total():
    assert amount_check(None, [Reply("utter_amount_rule", {"rule": "…"})], "2790") is None


DURATION = Reply(
    "utter_duration_result",
    {"months": "13", "contribution": "99", "rule": "…", "source": "宁波 五（二）"},
)


@pytest.mark.parametrize(
    ("guessed", "response"),
    [
        ("months=13", "utter_months_check_yes"),
        ("months=12", "utter_months_check_no"),
        # a kind of figure the answer does not work out: no check
        ("total=2790", None),
        ("unknown=3", None),
    ],
)
def test_figure_check_by_kind(guessed, response):
    checked = figure_check(None, [DURATION], guessed)
    assert (checked.response if checked else None) == response
