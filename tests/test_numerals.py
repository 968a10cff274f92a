"""Contribution times in Arabic and Chinese numerals."""

from __future__ import annotations

import pytest

from bot.numerals import chinese_number, contribution_months


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("三年", 36),
        ("十八个月", 18),
        ("两年半", 30),
        ("交了5年", 60),
        ("10年", 120),
        ("1.5年", 18),
        ("半年", 6),
        ("一年零三个月", 15),
        ("2年3个月", 27),
        ("二十四个月", 24),
        ("十年", 120),
        ("我在宁波，交了两年", 24),
        ("缴费十二个月", 12),
        ("二十年", 240),
        ("３年", 36),
        ("2015年11月起交了3年", 36),
        ("6個月", 6),
    ],
)
def test_contribution_months(text, months):
    assert contribution_months(text) == months


@pytest.mark.parametrize("text", ["你好", "我在宁波", "2015年", "0个月", ""])
def test_no_contribution(text):
    assert contribution_months(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("十", 10),
        ("十一", 11),
        ("二十", 20),
        ("二十四", 24),
        ("一百二十", 120),
        ("两", 2),
        ("18", 18),
        ("x", None),
    ],
)
def test_chinese_number(text, value):
    assert chinese_number(text) == value
