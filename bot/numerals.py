"""Read contribution times such as "两年半", "十八个月", "1.5年" or "3年2个月" as months."""

from __future__ import annotations

import re
from typing import Optional

DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "俩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
UNITS = {"十": 10, "百": 100}
NUMBER = r"(?:\d+(?:\.\d+)?|[零〇一二两俩三四五六七八九十百]+)"
YEAR = r"(?:年|周年)"
MONTH = r"(?:个月|個月|月)"
HALF = "半"

_FULL_WIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")
_PATTERN = re.compile(
    # "20年那会儿": a year of the calendar, not a time paid
    rf"(?:(?<![都在今\d])(?P<years>{NUMBER})\s*(?:个)?{YEAR}(?!那会|那时|的时候|时候|那年|年底|底|初|上半年|下半年|过年)"
    rf"\s*(?P<half>半)?(?:(?:零|又)\s*)?"
    # "5年7个月", not "五年 8月是办完手续的月份" (a month of the year, after a space)
    rf"(?:(?<!\s)(?P<ymonths>{NUMBER})\s*{MONTH}(?![是份底初]))?"
    rf"|(?P<half_year>半)\s*{YEAR}"
    # "8月才办完", "8月离职": a month of the year when what happened in it follows
    rf"|(?<![年\d])(?P<months>{NUMBER})\s*(?:个月|個月)(?![是份底初中旬])(?P<mhalf>半)?"
    # "交了8月": a bare 月 is a time paid only right after paying ("9月", "8月才办完" are
    # months of the year)
    rf"|(?:(?<=交了)|(?<=缴了)|(?<=交)|(?<=缴)|(?<=干了))(?P<paid>{NUMBER})\s*月(?![份底初中旬]))"
)


def chinese_number(text: str) -> Optional[float]:
    """Value of an Arabic or Chinese numeral ("18", "1.5", "十八", "二十四"); None if not one."""
    text = text.translate(_FULL_WIDTH)
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    if not text or any(ch not in DIGITS and ch not in UNITS for ch in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch in DIGITS:
            current = current * 10 + DIGITS[ch] if current and text[0] not in UNITS else DIGITS[ch]
        else:
            total += (current or 1) * UNITS[ch]
            current = 0
    return float(total + current)


MAX_MONTHS = 50 * 12


def contribution_months(text: str) -> Optional[int]:
    """The first plausible contribution time in ``text`` in whole months, else None.

    A year such as "2015年" is not a duration and is skipped.
    """
    for match in _PATTERN.finditer(text.translate(_FULL_WIDTH)):
        months = _months(match)
        if months is not None and 0 < months <= MAX_MONTHS:
            return months
    return None


def _months(match: re.Match[str]) -> Optional[int]:
    if match.group("half_year"):
        return 6
    if match.group("years"):
        years = chinese_number(match.group("years"))
        if years is None:
            return None
        months = years * 12 + (6 if match.group("half") else 0)
        extra = chinese_number(match.group("ymonths")) if match.group("ymonths") else None
        if extra is not None and extra < 12:
            # "3年2个月"; but "3年 36个月" says the same time twice
            months += extra
        return round(months)
    value = chinese_number(match.group("months") or match.group("paid") or "")
    if value is None:
        return None
    return round(value + (0.5 if match.group("mhalf") else 0))
