"""Dates a person names: absolute, relative to today, invalid, and their slot keys."""

from __future__ import annotations

from datetime import date

import pytest

from bot.person.dates import Day, read_day, without_dates

TODAY = date(2026, 11, 27)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2020年5月", Day(2020, 5)),
        ("2019年", Day(2019)),
        ("2020年3月15日", Day(2020, 3, 15)),
        ("2020年3月15号被辞退", Day(2020, 3, 15)),
        ("二〇二〇年五月", Day(2020, 5)),
        ("2020年十二月", Day(2020, 12)),
        ("我是2020年5月失业的", Day(2020, 5)),
    ],
)
def test_absolute(text, day):
    assert read_day(text, TODAY) == day


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("上个月15号", Day(2026, 10, 15)),
        ("上月", Day(2026, 10)),
        ("这个月3号", Day(2026, 11, 3)),
        ("本月", Day(2026, 11)),
        ("去年3月", Day(2025, 3)),
        ("去年3月15号", Day(2025, 3, 15)),
        ("前年12月", Day(2024, 12)),
        ("今年5月", Day(2026, 5)),
        ("今天", Day(2026, 11, 27)),
        ("昨天", Day(2026, 11, 26)),
        ("前天", Day(2026, 11, 25)),
        # a month and day without a year: the latest such day not after today
        ("3月15号", Day(2026, 3, 15)),
        ("11月27号", Day(2026, 11, 27)),
        ("11月28号", Day(2025, 11, 28)),
        ("12月30号", Day(2025, 12, 30)),
        ("十二月三十号", Day(2025, 12, 30)),
    ],
)
def test_relative(text, day):
    assert read_day(text, TODAY) == day


def test_last_month_across_new_year():
    assert read_day("上个月15号", date(2027, 1, 10)) == Day(2026, 12, 15)


@pytest.mark.parametrize(
    "text",
    [
        "2020年13月",
        "2月30日",
        "2021年2月29日",
        "去年13月",
        "1900年5月",
        "交了5年",
        "十八个月",
        "一个月多少钱",
        # today's date said as today: not a day something happened
        "今天都12月6号了来得及不",
        "现在已经5月20号了",
        "明天就是7号啊 到底明天算不算",
        "10月8号是我说万一",
        "",
    ],
)
def test_no_date(text):
    assert read_day(text, TODAY) is None


@pytest.mark.parametrize(
    ("text", "day"),
    [
        # the docstring promises the FIRST date the text names; the code tries the
        # patterns in a fixed order (今天/昨天/前天, absolute, relative year, ...)
        ("去年3月被辞退，2015年开始交的", Day(2025, 3)),
        ("2020年5月失业，昨天去办的", Day(2020, 5)),
    ],
)
def test_first_date_in_text_wins(text, day):
    assert read_day(text, TODAY) == day


def test_three_days_ago():
    assert read_day("大前天", TODAY) == Day(2026, 11, 24)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("3月15号被辞退", "被辞退"),
        ("2020年5月失业，交了8个月", "失业，交了8个月"),
        ("去年3月离职", "离职"),
        ("上个月15号辞职", "辞职"),
    ],
)
def test_without_dates(text, kept):
    assert without_dates(text).strip() == kept


@pytest.mark.parametrize(
    ("day", "key"),
    [
        (Day(2020), "2020"),
        (Day(2020, 5), "2020-05"),
        (Day(2020, 3, 15), "2020-03-15"),
        (Day(2020, 12, 1), "2020-12-01"),
    ],
)
def test_key_round_trip(day, key):
    assert day.key() == key
    assert Day.from_key(key) == day


@pytest.mark.parametrize(
    "key", ["", None, "2020-5", "2020-13", "2020-02-30", "0000", "20-05", "2020-05-01-02", "abc"]
)
def test_from_bad_key(key):
    assert Day.from_key(key) is None


@pytest.mark.parametrize(
    ("day", "first", "last"),
    [
        (Day(2020), date(2020, 1, 1), date(2020, 12, 31)),
        (Day(2020, 2), date(2020, 2, 1), date(2020, 2, 29)),
        (Day(2021, 2), date(2021, 2, 1), date(2021, 2, 28)),
        (Day(2020, 11), date(2020, 11, 1), date(2020, 11, 30)),
        (Day(2020, 12), date(2020, 12, 1), date(2020, 12, 31)),
        (Day(2020, 3, 15), date(2020, 3, 15), date(2020, 3, 15)),
    ],
)
def test_first_and_last_day(day, first, last):
    assert day.first_day() == first
    assert day.last_day() == last


@pytest.mark.parametrize(
    ("text", "going"),
    [
        ("我想过完元旦 1月25号那天再去办 来得及不", date(2027, 1, 25)),
        ("那万一我14号当天才去", date(2026, 12, 14)),
        ("12月20号去办行不行", date(2026, 12, 20)),
        # a day of leaving is no day of going
        ("我10月15号离职", None),
        ("11月3号被辞退了", None),
    ],
)
def test_the_day_of_going(text, going):
    from bot.person.dates import going_day

    assert going_day(text, date(2026, 12, 6)) == going
