"""The report's settings file and the masking of personal numbers."""

from __future__ import annotations

import pytest

from bot.report.settings import default_settings, masked


@pytest.mark.parametrize(
    "text, expected",
    [
        ("身份证330203199001011234能领吗", "身份证［身份证号］能领吗"),
        ("身份证33020319900101123X", "身份证［身份证号］"),
        ("卡号6222021234567890123", "卡号［银行卡号］"),
        ("手机13905741234", "手机［手机号］"),
        ("+86 13905741234", "［手机号］"),
        ("电话0574-87654321", "电话［电话号码］"),
        ("邮箱 zhang.san@example.com 收", "邮箱 ［邮箱］ 收"),
        ("交了3年，2020年8月失业，24个月", "交了3年，2020年8月失业，24个月"),
        ("12333", "12333"),
    ],
)
def test_personal_numbers_are_masked_and_figures_are_not(text, expected):
    assert masked(text, default_settings()) == expected


def test_every_kind_has_a_label_and_asked_again_is_last():
    kinds = default_settings().kinds
    assert all(kind.label for kind in kinds)
    assert kinds[-1].kind == "asked_again"
    assert len({kind.kind for kind in kinds}) == len(kinds)


def test_the_first_matching_kind_wins():
    settings = default_settings()
    assert settings.first_kind("nlu_fallback", frozenset(), frozenset({"utter_default"})) == (
        "fallback"
    )
    assert (
        settings.first_kind("ask_amount", frozenset({"action_answer"}), frozenset({"utter_amount"}))
        is None
    )
    assert settings.first_kind("ask_phone", frozenset(), frozenset({"utter_ask_region"})) == (
        "unresolved_place"
    )


def test_every_topic_of_the_registry_has_a_name_in_the_report():
    from bot.topics.registry import TOPICS

    subjects = default_settings().subjects
    assert {topic.name for topic in TOPICS} <= set(subjects)
