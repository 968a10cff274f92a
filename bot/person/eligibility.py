"""Judge a person's case against a benefit's conditions: met, not met, or which fact decides."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import List, Optional, Sequence, Set, Tuple

from bot.knowledge.model import AgeLimit, Check, CheckGroup, Eligibility, Period
from bot.person.facts import Facts


class Status(Enum):
    """How one condition stands for the person."""

    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"
    # The fact is known, but the guide's cases do not settle it.
    UNDECIDED = "undecided"


@dataclass(frozen=True)
class Finding:
    """One checked condition: its status, and the fact that would decide it if unknown."""

    check: Check
    status: Status
    missing: Optional[str] = None


class Outcome(Enum):
    """The verdict."""

    YES = "yes"
    NO = "no"
    DEPENDS = "depends"
    NOT_IN_GUIDE = "not_in_guide"


class PeriodStatus(Enum):
    """Where the person's date falls against a time-limited policy's claim window.

    The window is when one could claim, not when one had to lose the job: only a job
    lost after the window's end rules the window out.
    """

    AFTER = "after"


@dataclass(frozen=True)
class Verdict:
    """The verdict, the findings that explain it, and the one fact to ask for if any."""

    outcome: Outcome
    findings: Tuple[Finding, ...]
    missing: Optional[str] = None
    period: Optional[PeriodStatus] = None
    period_over: bool = False


def judge(eligibility: Eligibility, facts: Facts, today: date) -> Verdict:
    """The verdict on ``facts`` for a benefit's conditions, as of ``today``."""
    findings = [check_fact(check, facts) for check in eligibility.checks]
    group_findings, group_status, group_missing = _groups(eligibility.groups, facts)
    shown = tuple(findings) + tuple(group_findings)
    period, over = _period(eligibility.period, facts, today)
    statuses = {f.status for f in findings} | {group_status}
    if Status.NOT_MET in statuses:
        return Verdict(Outcome.NO, _failed_first(shown), period=period, period_over=over)
    if period is PeriodStatus.AFTER or Status.UNDECIDED in statuses:
        return Verdict(Outcome.NOT_IN_GUIDE, shown, period=period, period_over=over)
    # a condition most people meet is asked about once the told facts put it in doubt
    # (54 years old: in range for a man, not for a woman; the gender decides)
    unknown = [
        f
        for f in findings
        if f.status is Status.UNKNOWN and (f.check.decisive or f.missing == "gender")
    ]
    missing = unknown[0].missing if unknown else group_missing
    if missing:
        return Verdict(Outcome.DEPENDS, shown, missing, period, over)
    return Verdict(Outcome.YES, shown, period=period, period_over=over)


def open_conditions(eligibility: Eligibility, verdict: Verdict) -> Tuple[str, ...]:
    """Conditions still to meet: the unknown ones not asked for, then the unchecked ones."""
    unknown = {f.check for f in verdict.findings if f.status is Status.UNKNOWN}
    unasked = tuple(
        check.text for check in eligibility.checks if not check.decisive and check in unknown
    )
    return unasked + eligibility.unchecked


def is_told(eligibility: Eligibility, facts: Facts) -> bool:
    """Whether the person has told anything the conditions test."""
    checks = [*eligibility.checks, *(c for g in eligibility.groups for c in g.checks)]
    dated = eligibility.period is not None and facts.left_on is not None
    return dated or any(check_fact(check, facts).status is not Status.UNKNOWN for check in checks)


# The facts behind a months check: (exact, below, at least).
MONTHS_FACTS = {
    "contribution": ("contribution_months", "contribution_below", "contribution_at_least"),
    "continuous_work": ("continuous_months", None, "continuous_at_least"),
}


def check_fact(check: Check, facts: Facts) -> Finding:
    """One condition against the facts."""
    if check.fact == "age":
        return _age(check, facts)
    if check.fact in MONTHS_FACTS:
        exact, below, at_least = (
            getattr(facts, name) if name else None for name in MONTHS_FACTS[check.fact]
        )
        return Finding(check, _months(check, exact, below, at_least), check.fact)
    if check.fact == "separation":
        return Finding(check, _separation(check, facts.separation), "separation")
    if check.fact == "insurance_expired":
        if facts.insurance_expired is None:
            return Finding(check, Status.UNKNOWN, "insurance_expired")
        met = facts.insurance_expired == check.expected
        return Finding(check, Status.MET if met else Status.NOT_MET)
    raise ValueError(f"unknown fact {check.fact!r}")


def _age(check: Check, facts: Facts) -> Finding:
    limits = check.by_gender
    if limits is None or (facts.age is None and facts.age_over is None and facts.age_under is None):
        return Finding(check, Status.UNKNOWN, "age")
    ranges = {"female": limits.female, "male": limits.male}
    if facts.gender in ranges:
        status = _age_status(ranges[facts.gender], facts)
        return Finding(check, status, "age" if status is Status.UNKNOWN else None)
    statuses = {_age_status(limit, facts) for limit in ranges.values()}
    if statuses == {Status.MET}:
        return Finding(check, Status.MET)
    if statuses == {Status.NOT_MET}:
        return Finding(check, Status.NOT_MET)
    return Finding(check, Status.UNKNOWN, "gender" if facts.age is not None else "age")


def _age_status(limit: AgeLimit, facts: Facts) -> Status:
    """An age, or its bounds, against ``min`` (included) … ``below`` (excluded)."""
    if facts.age is not None:
        return Status.MET if limit.min <= facts.age < limit.below else Status.NOT_MET
    # "超过50岁" is 51 or more, "不到50" 49 or less
    lowest = facts.age_over + 1 if facts.age_over is not None else None
    highest = facts.age_under - 1 if facts.age_under is not None else None
    if (lowest is not None and lowest >= limit.below) or (
        highest is not None and highest < limit.min
    ):
        return Status.NOT_MET
    # someone who lost a job is taken to be of working age at the lower end
    below_upper = highest is not None and highest < limit.below
    above_lower = lowest is None or lowest >= limit.min
    return Status.MET if below_upper and above_lower else Status.UNKNOWN


def _months(
    check: Check, exact: Optional[int], below: Optional[int], at_least: Optional[int]
) -> Status:
    if check.at_least_months is not None:
        if exact is not None:
            return Status.MET if exact >= check.at_least_months else Status.NOT_MET
        if below is not None and below <= check.at_least_months:
            return Status.NOT_MET
        if at_least is not None and at_least >= check.at_least_months:
            return Status.MET
    if check.below_months is not None:
        if exact is not None:
            return Status.MET if exact < check.below_months else Status.NOT_MET
        if below is not None and below <= check.below_months:
            return Status.MET
        if at_least is not None and at_least >= check.below_months:
            return Status.NOT_MET
    return Status.UNKNOWN


def _separation(check: Check, value: Optional[str]) -> Status:
    if value is None:
        return Status.UNKNOWN
    if value in check.accepted:
        return Status.MET
    if value in check.refused:
        return Status.NOT_MET
    if value in check.undecided:
        return Status.UNDECIDED
    # a vague value ("辞职" without the reason) is asked about; where nothing is refused,
    # what is not accepted fails
    return Status.UNKNOWN if check.refused or check.undecided else Status.NOT_MET


def _groups(
    groups: Sequence[CheckGroup], facts: Facts
) -> Tuple[List[Finding], Optional[Status], Optional[str]]:
    """Findings worth showing, whether the person is in one of the groups, what decides it."""
    if not groups:
        return [], None, None
    shown: List[Finding] = []
    statuses: List[Status] = []
    missing: Optional[str] = None
    for group in groups:
        findings = [check_fact(check, facts) for check in group.checks]
        status = _combined({f.status for f in findings}, group.match == "any")
        statuses.append(status)
        shown.extend(f for f in findings if f.status is not Status.UNKNOWN)
        if status is Status.UNKNOWN and missing is None:
            missing = next(f.missing for f in findings if f.status is Status.UNKNOWN)
    overall = _combined(set(statuses), True)
    if overall is Status.MET:
        return [f for f in shown if f.status is Status.MET], overall, None
    return shown, overall, missing if overall is Status.UNKNOWN else None


def _combined(kinds: Set[Status], any_of: bool) -> Status:
    """One status for several: any of them must hold (``any_of``), or all of them."""
    wins, loses = (Status.MET, Status.NOT_MET) if any_of else (Status.NOT_MET, Status.MET)
    if wins in kinds:
        return wins
    for open_status in (Status.UNKNOWN, Status.UNDECIDED):
        if open_status in kinds:
            return open_status
    return loses


def _period(
    period: Optional[Period], facts: Facts, today: date
) -> Tuple[Optional[PeriodStatus], bool]:
    if period is None:
        return None, False
    end = _month(period.end, last=True)
    over = today > end
    if facts.left_on is not None and facts.left_on.first_day() > end:
        return PeriodStatus.AFTER, over
    return None, over


def _month(key: str, last: bool = False) -> date:
    year, month = (int(part) for part in key.split("-"))
    if not last:
        return date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def _failed_first(findings: Tuple[Finding, ...]) -> Tuple[Finding, ...]:
    failed = [f for f in findings if f.status is Status.NOT_MET]
    return tuple(failed) + tuple(f for f in findings if f.status is not Status.NOT_MET)
