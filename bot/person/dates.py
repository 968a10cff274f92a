"""Read the month (and day) a person names: "2020年5月", "去年3月", "上个月15号", "昨天".

"上周" and "三个礼拜前" name a day only roughly: it is read as the earliest day they can
mean (so a deadline worked out from it errs early) and marked approximate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import List, Match, Optional, Tuple

from bot.numerals import chinese_number

NUMBER = r"(?:\d{1,4}|[零〇一二两三四五六七八九十]{1,4})"
_ABSOLUTE = re.compile(
    rf"(?P<year>\d{{4}}|[零〇一二三四五六七八九]{{4}})\s*年\s*(?:(?P<month>{NUMBER})\s*月"
    rf"(?:\s*(?P<day>{NUMBER})\s*(?:日|号))?)?"
)
# "20年7月底": a year written with two digits, with its month
# ("交了15年 11月2号" is a time paid, then a day)
_SHORT_YEAR = re.compile(rf"(?<![\d年了交缴干])(?P<year>[012]\d)\s*年\s*(?P<month>{NUMBER})\s*月")
_RELATIVE_YEAR = re.compile(
    rf"(?P<which>今年|去年|前年)\s*(?P<month>{NUMBER})\s*月(?:\s*(?P<day>{NUMBER})\s*(?:日|号))?"
)
_RELATIVE_MONTH = re.compile(
    rf"(?P<which>这个月|本月|上个月|上月)(?:\s*(?P<day>{NUMBER})\s*(?:日|号)|(?P<part>底|末|初|上旬|中旬|下旬|中))?"
)
# "上个月被辞退", "是上个月": what a bare month names must be the leaving
_LEFT_THEN = re.compile(
    r"\s*(?:的时候|份)?(?:就|才|刚|已经)?(?:被|离职|辞职|走|失业|到期|辞退|裁|解除|没了工作|合同|不干|"
    r"让|把我|公司|单位|厂里|老板|[，,。！!？?]|$)"
)
# "上个月底": about that day of the month (0: its last day)
_MONTH_PARTS = {"底": 0, "末": 0, "下旬": 25, "初": 1, "上旬": 5, "中": 15, "中旬": 15}
_AGO = re.compile(
    rf"(?<![年\d])(?P<n>{NUMBER}|半)\s*(?:个)?(?P<unit>天|周|星期|礼拜|月)(?:以前|之前|前)"
)
# "我11月才被辞退的", "8月份离职": a month of this year (or last) with what happened in it
_MONTH_EVENT = re.compile(
    rf"(?<![年\d个])(?P<month>{NUMBER})\s*月(?:份)?\s*(?:才|就|刚|底|初|中|的时候)?\s*"
    rf"(?=被|离职|辞职|走的|走了|失业|到期|辞退|裁员|解除|没了工作)"
)
_LAST_WEEK = re.compile(r"上(?:个)?(?:周|星期|礼拜)(?P<weekday>[一二三四五六日天1-7])?")
# "23号" alone: the latest such day up to today.
_DAY_ONLY = re.compile(rf"(?<![月\d年])(?P<day>{NUMBER})\s*(?:号|日)(?![前后])")
# "不是28号": a date denied, not told.
_DENIED = ("不是", "并非", "没有", "不在")
_WEEKDAYS = "一二三四五六日"
# "1月24号是星期天", "…是你算的截止日期": a day spoken of, not a day something happened
_ABOUT_THE_DAY = re.compile(
    r"\s*(?:号|日)?(?:是|为|就是|那天是)?(?:你|您)?(?:刚才|上面|前面)?(?:说的|算的|算出来的|给的)?(?:的)?"
    r"(?:星期|周[一二三四五六日天]|礼拜|截止|最后一天|最晚|期限)"
    # "10月8号是我说万一": a day supposed, said back
    r"|\s*(?:号|日)?(?:是|只是)(?:我)?(?:说的|说)?(?:万一|假设|假如|比方|打个比方|如果)"
)
# "拖到19号以后才去", "12月19号之后怎么办": a day of going (or after the deadline), not of leaving
_AFTER_GOING = re.compile(
    r"\s*(?:号|日)?\s*(?:以后|之后|后)\s*(?:才|再)?\s*(?:去|办|申请|申报|交材料|报到)"
    r"|\s*(?:号|日)?\s*(?:以后|之后|后)\s*(?:怎么办|咋办|会怎样|会怎么样|还能|还可以|就不能|就领不了|就拿不到)"
    # "14号当天才去", "周一去来得及吗": the day of going
    r"|\s*(?:号|日)?\s*(?:当天|那天|那日)?\s*(?:才|再|就|去)?\s*(?:去办|去申报|去申请|去交|去|办理|申报|递交|交材料)"
    r"(?!职|世|年)"
)
_DELAYED = ("拖到", "等到", "推到", "晚到", "拖过", "拖了", "过了")
# "到2028年4月我就满50了": the day of an age to come, not of leaving
_AGE_AHEAD = re.compile(r"\s*(?:号|日)?[^，,。？?！!]{0,4}?(?:就|才)?(?:要|会)?满\s*\d{2}")
# "12月31号前", "15号之前": a date as a limit
_LIMIT = re.compile(r"\s*(?:之前|以前|前)(?!离职|辞职|走|被|失业|就(?:离职|辞职|走|被|失业))")
_MONTH_DAY = re.compile(
    rf"(?<![年\d])(?P<month>{NUMBER})\s*月\s*(?P<day>{NUMBER})\s*(?:日|号|(?![\d个天年月]))"
)
# "今天是5月20号": the day of today, not a day something happened
_TODAY_IS = re.compile(
    rf"(?:今天|今儿|现在)(?:都|就|也)?(?:是|才|已经|已)?\s*(?:\d{{4}}\s*年)?\s*{NUMBER}\s*月\s*{NUMBER}\s*(?:日|号)?"
    # "明天就是7号啊": the day of tomorrow, not a day something happened
    rf"|(?:明天|明儿|后天|今天|今儿)(?:就|也|都)?(?:是)?\s*(?:{NUMBER}\s*月\s*)?{NUMBER}\s*(?:日|号)"
    rf"|今天(?:是)?(?:几号|几月几号|星期.|周.)"
    rf"|(?:现在|如今|今年)(?:都|是|已经)?\s*(?:\d{{4}}|[零〇一二三四五六七八九]{{4}})\s*年(?!\s*{NUMBER}\s*月)"
    # "我1966年11月出生", "25号是我生日", "上个月刚满60岁": a birth or an age reached
    rf"|(?:\d{{4}}\s*年)?(?:\s*{NUMBER}\s*月)?(?:份)?(?:\s*{NUMBER}\s*[日号])?\s*(?:过的|过了|过)?(?:出生|生的|生人|生日)"
    rf"|{NUMBER}\s*[日号]\s*(?:是|是我的?|是他的?|是她的?)生日|生日(?:是)?\s*(?:{NUMBER}\s*月)?\s*{NUMBER}\s*[日号]"
    rf"|(?:上个月|这个月|本月|去年|今年)(?:\s*{NUMBER}\s*[日号])?\s*(?:刚|才|就)?(?:满|过了?)\s*{NUMBER}"
    # "1395是2015年的标准": the year of a figure or a rule
    rf"|(?:\d{{4}}\s*年(?:\s*{NUMBER}\s*月)?)(?:的|起的?|开始的?)?(?:标准|政策|规定|数|数据|文件|新规)"
    # "2015年的好像老早了": a year spoken of as old
    rf"|\d{{4}}\s*年的?(?:好像|都|也|太|那么|这么)?(?:老早|很早|太早|早了|过时|旧了|太老|很久)"
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
    # "上周", "三个礼拜前": the earliest day meant, roughly
    approximate: bool = False

    def key(self) -> str:
        """The date as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (slot value), ``~`` if rough."""
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
            if self.day:
                parts.append(f"{self.day:02d}")
        return "-".join(parts) + ("~" if self.approximate else "")

    @classmethod
    def from_key(cls, key: str) -> Optional[Day]:
        """The inverse of :meth:`key`; None for anything else."""
        match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(~?)", key or "")
        if not match:
            return None
        year, month, day = (int(part) if part else None for part in match.groups()[:3])
        found = _valid(year or 0, month, day)
        return replace(found, approximate=True) if found and match.group(4) else found

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
        (_SHORT_YEAR, _short_year),
        (_RELATIVE_YEAR, _relative_year),
        (_RELATIVE_MONTH, _relative_month),
        (_AGO, _ago),
        (_LAST_WEEK, _last_week),
        (_MONTH_DAY, _month_day),
        (_MONTH_EVENT, _month_event),
    ):
        for match in pattern.finditer(text):
            if not _denied(text, match.start()) and not _before(text, match.end()):
                found.append((match.start(), resolve(match, today)))
                break
    if not found:
        for match in _DAY_ONLY.finditer(without_dates(text)):
            if not _denied(text, match.start()) and not _before(text, match.end()):
                found.append((match.start(), _day_only(match, today)))
                break
    dated = [(start, day) for start, day in found if day is not None]
    # a day told exactly ("23号") outweighs a rough one in the same message ("上周")
    dated.sort(key=lambda pair: (pair[1].approximate, pair[0]))
    return dated[0][1] if dated else None


def _before(text: str, end: int) -> bool:
    """Whether a date is a limit ("12月31号前去就行"), not a day something happened.

    A date said with its weekday or as the deadline ("1月24号是星期天", "1月24号是你算出来的
    截止日期") is about that day, not about leaving.
    """
    return bool(
        _LIMIT.match(text, end)
        or _ABOUT_THE_DAY.match(text, end)
        or _AFTER_GOING.match(text, end)
        or _AGE_AHEAD.match(text, end)
    )


def _denied(text: str, start: int) -> bool:
    before = text[max(0, start - 4) : start].rstrip()
    return any(before.endswith(word) for word in (*_DENIED, *_DELAYED))


def _absolute(match: Match[str], today: date) -> Optional[Day]:
    year = _number(match.group("year")) or 0
    return _valid(year, _number(match.group("month")), _number(match.group("day")))


def _short_year(match: Match[str], today: date) -> Optional[Day]:
    year = 2000 + int(match.group("year"))
    return _valid(year, _number(match.group("month")), None) if year <= today.year else None


def _relative_year(match: Match[str], today: date) -> Optional[Day]:
    year = today.year - _YEARS_BACK[match.group("which")]
    return _valid(year, _number(match.group("month")), _number(match.group("day")))


def _relative_month(match: Match[str], today: date) -> Optional[Day]:
    month_start = today.replace(day=1)
    if match.group("which") in ("上个月", "上月"):
        month_start = (month_start - timedelta(days=1)).replace(day=1)
    part = match.group("part")
    if not part and not match.group("day") and not _LEFT_THEN.match(match.string, match.end()):
        # "我这个月女儿家有事": a month spoken of, not when the job ended
        return None
    if part:
        day = _MONTH_PARTS[part]
        if day == 0:
            following = (month_start + timedelta(days=32)).replace(day=1)
            day = (following - timedelta(days=1)).day
        return Day(month_start.year, month_start.month, day, approximate=True)
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
    # "三个礼拜前": about that day
    return Day(day.year, day.month, day.day, approximate=unit != "天")


def _last_week(match: Match[str], today: date) -> Optional[Day]:
    """A day of last week: "上周三" that day; "上周" its Monday, roughly."""
    monday = today - timedelta(days=today.weekday() + 7)
    weekday = match.group("weekday")
    if weekday:
        if weekday.isdigit():
            index = int(weekday) - 1
        else:
            index = _WEEKDAYS.index("日" if weekday == "天" else weekday)
        day = monday + timedelta(days=index)
        return Day(day.year, day.month, day.day)
    return Day(monday.year, monday.month, monday.day, approximate=True)


def _month_event(match: Match[str], today: date) -> Optional[Day]:
    """A month alone ("11月被辞退"): this year's if it has come, else last year's."""
    month = _number(match.group("month"))
    if month is None or not 1 <= month <= 12:
        return None
    year = today.year if month <= today.month else today.year - 1
    return _valid(year, month, None)


def _day_only(match: Match[str], today: date) -> Optional[Day]:
    """A day of the month alone ("23号"): this month's if it has come, else last month's."""
    day = _number(match.group("day"))
    if day is None or not 1 <= day <= 31:
        return None
    year, month = today.year, today.month
    if day > today.day:
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return _valid(year, month, day)


# "要是12月31号跟我解除合同": a day to come, not the last one past
_FUTURE = re.compile(
    r"(?:要是|如果|假如|假设|打算|准备|预计|到时候|可能会|会在|将在|下个月)[^。？?！!]{0,8}$"
)


def _month_day(match: Match[str], today: date) -> Optional[Day]:
    month, day = _number(match.group("month")), _number(match.group("day"))
    past = (month or 0, day or 0) <= (today.month, today.day)
    ahead = _FUTURE.search(match.string[max(0, match.start() - 12) : match.start()])
    year = today.year if past or ahead else today.year - 1
    return _valid(year, month, day)


# "1月25号那天再去办来得及不", "14号当天才去": the day the person means to go
_GOING = re.compile(
    r"\s*(?:号|日)?\s*(?:当天|那天|那日)?\s*(?:才|再|就)?\s*(?:去办|去申报|去申请|去交|去|办理|申报|递交|交材料)"
    r"(?!职|世|年)"
)


def going_day(text: str, today: date) -> Optional[date]:
    """The day ``text`` says the person will go to apply, on or after ``today``; else None."""
    for match in _MONTH_DAY.finditer(text):
        if _GOING.match(text, match.end()):
            month, day = _number(match.group("month")), _number(match.group("day"))
            if month and day:
                return _next(today, month, day)
    for match in _DAY_ONLY.finditer(without_dates(text)):
        if _GOING.match(text, match.end()):
            day = _number(match.group("day"))
            if day:
                month = today.month if day >= today.day else today.month % 12 + 1
                return _next(today, month, day)
    return None


def _next(today: date, month: int, day: int) -> Optional[date]:
    """The first ``month``/``day`` on or after ``today``."""
    for year in (today.year, today.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            return None
        if candidate >= today:
            return candidate
    return None


def without_dates(text: str) -> str:
    """``text`` with every date it names blanked out (so "3月15号" is not 3 months)."""
    for pattern in (
        _TODAY_IS,
        _ABSOLUTE,
        _SHORT_YEAR,
        _RELATIVE_YEAR,
        _RELATIVE_MONTH,
        _AGO,
        _LAST_WEEK,
        _MONTH_DAY,
        _MONTH_EVENT,
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
