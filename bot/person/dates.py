"""Read the month (and day) a person names: "2020年5月", "去年3月", "上个月15号", "昨天"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import List, Match, Optional, Tuple

from bot.numerals import chinese_number

NUMBER = r"(?:\d{1,4}|[零〇一二两三四五六七八九十]{1,4})"
_ABSOLUTE = re.compile(
    rf"(?P<year>\d{{4}}|[零〇一二三四五六七八九]{{4}})\s*年\s*(?:(?P<month>{NUMBER})\s*月"
    rf"(?:\s*(?P<day>{NUMBER})\s*(?:日|号))?)?"
)
_RELATIVE_YEAR = re.compile(
    rf"(?P<which>今年|去年|前年)\s*(?P<month>{NUMBER})\s*月(?:\s*(?P<day>{NUMBER})\s*(?:日|号))?"
)
_RELATIVE_MONTH = re.compile(
    rf"(?P<which>这个月|本月|上个月|上月)(?:\s*(?P<day>{NUMBER})\s*(?:日|号))?"
)
_AGO = re.compile(rf"(?P<n>{NUMBER}|半)\s*(?:个)?(?P<unit>天|周|星期|礼拜|月)(?:以前|之前|前)")
_LAST_WEEK = re.compile(r"上(?:个)?(?:周|星期|礼拜)")
_MONTH_DAY = re.compile(
    rf"(?<![年\d])(?P<month>{NUMBER})\s*月\s*(?P<day>{NUMBER})\s*(?:日|号|(?![\d个天年月]))"
)
# "今天是5月20号": the day of today, not a day something happened
_TODAY_IS = re.compile(
    rf"今天(?:是|才|已经)?\s*(?:\d{{4}}\s*年)?\s*{NUMBER}\s*月\s*{NUMBER}\s*(?:日|号)?"
    rf"|今天(?:是)?(?:几号|几月几号|星期.|周.)"
    rf"|(?:现在|如今|今年)(?:都|是|已经)?\s*(?:\d{{4}}|[零〇一二三四五六七八九]{{4}})\s*年(?!\s*{NUMBER}\s*月)"
    # "2020年3月到12月": a span of time (a policy window), not a day something happened
    rf"|(?:\d{{4}}\s*年\s*)?{NUMBER}\s*月(?:\s*{NUMBER}\s*[日号])?\s*(?:到|至|—|－|-|~)\s*(?:\d{{4}}\s*年\s*)?{NUMBER}\s*月(?:\s*{NUMBER}\s*[日号])?"
)
_DAYS_AGO = {"大前天": 3, "今天": 0, "昨天": 1, "前天": 2}
_YEARS_BACK = {"今年": 0, "去年": 1, "前年": 2}


@dataclass(frozen=True)
class Day:
    """A date as precise as the person gave it: a year, a month, or a day."""

    year: int
    month: Optional[int] = None
    day: Optional[int] = None

    def key(self) -> str:
        """The date as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (slot value)."""
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
            if self.day:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)

    @classmethod
    def from_key(cls, key: str) -> Optional[Day]:
        """The inverse of :meth:`key`; None for anything else."""
        match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", key or "")
        if not match:
            return None
        year, month, day = (int(part) if part else None for part in match.groups())
        return _valid(year or 0, month, day)

    def first_day(self) -> date:
        """The earliest day the date can mean."""
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        """The latest day the date can mean."""
        if self.day:
            return self.first_day()
        if self.month:
            following = date(self.year + self.month // 12, self.month % 12 + 1, 1)
            return following - timedelta(days=1)
        return date(self.year, 12, 31)


def read_day(text: str, today: date) -> Optional[Day]:
    """The first date ``text`` names, resolved against ``today``; None if it names none."""
    text = _TODAY_IS.sub(" ", text)
    found: List[Tuple[int, Optional[Day]]] = []
    for word, back in _DAYS_AGO.items():
        start = text.find(word)
        if start >= 0 and not (word == "前天" and text[max(0, start - 1) : start] == "大"):
            day = today - timedelta(days=back)
            found.append((start, Day(day.year, day.month, day.day)))
    for pattern, resolve in (
        (_ABSOLUTE, _absolute),
        (_RELATIVE_YEAR, _relative_year),
        (_RELATIVE_MONTH, _relative_month),
        (_AGO, _ago),
        (_LAST_WEEK, _last_week),
        (_MONTH_DAY, _month_day),
    ):
        match = pattern.search(text)
        if match:
            found.append((match.start(), resolve(match, today)))
    dated = sorted((start, day) for start, day in found if day is not None)
    return dated[0][1] if dated else None


def _absolute(match: Match[str], today: date) -> Optional[Day]:
    year = _number(match.group("year")) or 0
    return _valid(year, _number(match.group("month")), _number(match.group("day")))


def _relative_year(match: Match[str], today: date) -> Optional[Day]:
    year = today.year - _YEARS_BACK[match.group("which")]
    return _valid(year, _number(match.group("month")), _number(match.group("day")))


def _relative_month(match: Match[str], today: date) -> Optional[Day]:
    month_start = today.replace(day=1)
    if match.group("which") in ("上个月", "上月"):
        month_start = (month_start - timedelta(days=1)).replace(day=1)
    return _valid(month_start.year, month_start.month, _number(match.group("day")))


def _ago(match: Match[str], today: date) -> Optional[Day]:
    """A date some time ago: "3个月前" (a month), "10天前" / "两周前" (a day)."""
    amount = 0.5 if match.group("n") == "半" else _number(match.group("n"))
    if amount is None:
        return None
    unit = match.group("unit")
    if unit == "月":
        if amount == 0.5:
            day = today - timedelta(days=15)
            return Day(day.year, day.month, day.day)
        months = today.year * 12 + today.month - 1 - int(amount)
        return _valid(months // 12, months % 12 + 1, None)
    days = int(amount * (1 if unit == "天" else 7))
    day = today - timedelta(days=days)
    return Day(day.year, day.month, day.day)


def _last_week(match: Match[str], today: date) -> Optional[Day]:
    """The day a week ago, for "上周"."""
    day = today - timedelta(days=7)
    return Day(day.year, day.month, day.day)


def _month_day(match: Match[str], today: date) -> Optional[Day]:
    month, day = _number(match.group("month")), _number(match.group("day"))
    year = today.year if (month or 0, day or 0) <= (today.month, today.day) else today.year - 1
    return _valid(year, month, day)


def without_dates(text: str) -> str:
    """``text`` with every date it names blanked out (so "3月15号" is not 3 months)."""
    for pattern in (
        _TODAY_IS,
        _ABSOLUTE,
        _RELATIVE_YEAR,
        _RELATIVE_MONTH,
        _AGO,
        _LAST_WEEK,
        _MONTH_DAY,
    ):
        text = pattern.sub(" ", text)
    return text


def _number(text: Optional[str]) -> Optional[int]:
    if not text:
        return None
    if re.fullmatch(r"[零〇一二三四五六七八九]{4}", text):
        return int("".join(str(int(chinese_number(ch) or 0)) for ch in text))
    value = chinese_number(text)
    return int(value) if value is not None else None


def _valid(year: int, month: Optional[int], day: Optional[int]) -> Optional[Day]:
    if not 1950 <= year <= 2100 or (month is not None and not 1 <= month <= 12):
        return None
    if day is not None and month is not None:
        try:
            date(year, month, day)
        except ValueError:
            return None
    return Day(year, month, day if month else None)
