"""A verdict given again: short when unchanged, marked when changed, whole when asked for."""

import pytest

from bot.replies import Reply
from bot.topics.restated import CHANGED, restated, verdict_keys

YES = Reply(
    "utter_verdict_yes",
    {
        "region": "宁波市",
        "benefit": "失业保险金",
        "whose": "",
        "findings": "✔ 缴费36个月，符合…\n⏰ 要在离职后60日内申报：还剩约44天",
        "unchecked": "另外还要：…",
    },
)
YES_NEXT_DAY = Reply(
    YES.response,
    {**YES.values, "findings": "✔ 缴费36个月，符合…\n⏰ 要在离职后60日内申报：还剩约43天"},
)
NO = Reply(
    "utter_verdict_no",
    {"region": "宁波市", "benefit": "失业保险金", "whose": "", "findings": "✘ 缴费6个月\n✔ 被辞退"},
)
DEPENDS = Reply(
    "utter_verdict_depends",
    {
        "region": "宁波市",
        "benefit": "失业保险金",
        "whose": "",
        "findings": "",
        "question": "交了多久",
    },
)
SON_NO = Reply("utter_verdict_no", {**NO.values, "whose": "您儿子："})
OTHER = Reply("utter_office_card", {"card": "【海曙】"})


def _said(*replies: Reply) -> tuple:
    return tuple(key for reply in replies for key in verdict_keys(reply))


@pytest.mark.parametrize(
    ("before", "now", "again", "responses"),
    [
        # first time: as it is
        ((), YES, False, ["utter_verdict_yes"]),
        # the same verdict again (the next day too): short
        ((YES,), YES, False, ["utter_verdict_yes_again"]),
        ((YES,), YES_NEXT_DAY, False, ["utter_verdict_yes_again"]),
        # "再发一遍": whole
        ((YES,), YES, True, ["utter_verdict_yes"]),
        # a correction turned it: said first
        ((YES,), NO, False, [CHANGED, "utter_verdict_no"]),
        # back again after a change: it changed again, said whole
        ((YES, NO), YES, False, [CHANGED, "utter_verdict_yes"]),
        # an open verdict answered is no change
        ((DEPENDS,), YES, False, ["utter_verdict_yes"]),
        # another person's verdict is theirs
        ((YES,), SON_NO, False, ["utter_verdict_no"]),
        # not a verdict: untouched
        ((YES,), OTHER, False, ["utter_office_card"]),
    ],
)
def test_restated(before, now, again, responses):
    said = _said(*before)
    assert [r.response for r in restated([now], said, again)] == responses


def test_short_verdict_keeps_the_lines_that_decide():
    (short,) = restated([NO], _said(NO), again=False)
    assert short.values["findings"] == "✘ 缴费6个月"
    (short,) = restated([YES], _said(YES), again=False)
    assert short.values["findings"] == "⏰ 要在离职后60日内申报：还剩约44天"
