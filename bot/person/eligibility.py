"""Judge a person's case against a benefit's conditions: met, not met, or which fact decides."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import List, Optional, Sequence, Tuple

from bot.knowledge.model import Check, CheckGroup, Eligibility, Period
from bot.person.facts import Facts


class Status(Enum):
    """How one condition stands for the person."""

    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"


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
    """Where the person's date falls against a time-limited policy."""

    INSIDE = "inside"
    BEFORE = "before"
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
    failed = [f for f in findings if f.status is Status.NOT_MET]
    if failed or group_status is Status.NOT_MET:
        return Verdict(Outcome.NO, _failed_first(shown), period=period, period_over=over)
    if period in (PeriodStatus.BEFORE, PeriodStatus.AFTER):
        return Verdict(Outcome.NOT_IN_GUIDE, shown, period=period, period_over=over)
    unknown = [f for f in findings if f.status is Status.UNKNOWN and f.check.decisive]
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


def check_fact(check: Check, facts: Facts) -> Finding:
    """One condition against the facts."""
    if check.fact == "age":
        return _age(check, facts)
    if check.fact == "contribution":
        return Finding(check, _contribution(check, facts), "contribution")
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
    if facts.age is None or limits is None:
        return Finding(check, Status.UNKNOWN, "age")
    ranges = {"female": limits.female, "male": limits.male}
    if facts.gender in ranges:
        limit = ranges[facts.gender]
        inside = limit.min <= facts.age <= limit.max
        return Finding(check, Status.MET if inside else Status.NOT_MET)
    inside = [limit.min <= facts.age <= limit.max for limit in ranges.values()]
    if all(inside):
        return Finding(check, Status.MET)
    if not any(inside):
        return Finding(check, Status.NOT_MET)
    return Finding(check, Status.UNKNOWN, "gender")


def _contribution(check: Check, facts: Facts) -> Status:
    exact, below, at_least = (
        facts.contribution_months,
        facts.contribution_below,
        facts.contribution_at_least,
    )
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
    if value in check.refused or not check.refused:
        return Status.NOT_MET
    return Status.UNKNOWN


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
        kinds = {f.status for f in findings}
        if group.match == "any":
            status = (
                Status.MET
                if Status.MET in kinds
                else Status.NOT_MET
                if kinds == {Status.NOT_MET}
                else Status.UNKNOWN
            )
        else:
            status = (
                Status.NOT_MET
                if Status.NOT_MET in kinds
                else Status.MET
                if kinds == {Status.MET}
                else Status.UNKNOWN
            )
        statuses.append(status)
        shown.extend(f for f in findings if f.status is not Status.UNKNOWN)
        if status is Status.UNKNOWN and missing is None:
            missing = next(f.missing for f in findings if f.status is Status.UNKNOWN)
    if Status.MET in statuses:
        met = [f for f in shown if f.status is Status.MET]
        return met, Status.MET, None
    if all(status is Status.NOT_MET for status in statuses):
        return shown, Status.NOT_MET, None
    return shown, Status.UNKNOWN, missing


def _period(
    period: Optional[Period], facts: Facts, today: date
) -> Tuple[Optional[PeriodStatus], bool]:
    if period is None:
        return None, False
    start, end = _month(period.start), _month(period.end, last=True)
    over = today > end
    if facts.left_on is None:
        return None, over
    if facts.left_on.last_day() < start:
        return PeriodStatus.BEFORE, over
    if facts.left_on.first_day() > end:
        return PeriodStatus.AFTER, over
    return PeriodStatus.INSIDE, over


def _month(key: str, last: bool = False) -> date:
    year, month = (int(part) for part in key.split("-"))
    if not last:
        return date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def _failed_first(findings: Tuple[Finding, ...]) -> Tuple[Finding, ...]:
    failed = [f for f in findings if f.status is Status.NOT_MET]
    return tuple(failed) + tuple(f for f in findings if f.status is not Status.NOT_MET)
