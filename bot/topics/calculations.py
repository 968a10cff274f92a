"""Answers worked out from the guide's rules: benefit months, the one-time allowance."""

from __future__ import annotations

from typing import List, Optional

from bot.calculators import benefit_months, one_time_allowance
from bot.dialogue.context import Context
from bot.formatting import numbered
from bot.knowledge.loader import RegionData
from bot.replies import Reply
from bot.topics.guide import INSURANCE, MIGRANT, Guide
from bot.topics.topic import Answering, Topic

DURATION_RESPONSES = ("utter_duration_rule", "utter_duration_none", "utter_duration_result")
MIGRANT_RESPONSES = ("utter_migrant_rule", "utter_migrant_result", "utter_migrant_none")


def months_value(months: Optional[int]) -> str:
    """A contribution time for a reply ("" when unknown)."""
    return "" if months is None else str(months)


def duration(guide: Guide, data: RegionData, context: Context) -> List[Reply]:
    """Months of benefit for the user's contribution time, or the rule itself."""
    benefit, preface = guide.benefit(data, context.benefit_id or INSURANCE, "duration_rule")
    if benefit is None or benefit.duration_rule is None:
        return preface + guide.not_in_guide(data, context)
    rule = benefit.duration_rule
    values = guide.benefit_values(data, benefit, rule.section)
    values["rule"] = rule.text
    months = context.contribution_months
    if months is None:
        return preface + [Reply("utter_duration_rule", values)]
    granted = benefit_months(rule, months)
    values.update(
        contribution=months_value(months),
        months=str(granted),
        minimum=str(rule.minimum_months),
    )
    return preface + [Reply("utter_duration_result" if granted else "utter_duration_none", values)]


def answer_duration(
    answering: Answering, data: Optional[RegionData], context: Context, topic: Topic
) -> List[Reply]:
    """Handler of the duration topic."""
    assert data is not None
    return duration(answering.guide, data, context)


def answer_migrant(
    answering: Answering, data: Optional[RegionData], context: Context, topic: Topic
) -> List[Reply]:
    """The migrant workers' one-time allowance: conditions, and the sum if possible."""
    assert data is not None
    guide = answering.guide
    benefits = {b.id: b for b in data.region.benefits}
    allowance, insurance = benefits.get(MIGRANT), benefits.get(INSURANCE)
    if allowance is None or allowance.amount is None or allowance.conditions is None:
        return guide.not_in_guide(data, context)
    values = guide.benefit_values(data, allowance, allowance.conditions.section)
    values.update(
        intro=allowance.conditions.intro or "",
        items=numbered(allowance.conditions.items),
        amount=allowance.amount.text,
    )
    months = context.contribution_months
    rule = insurance.duration_rule if insurance else None
    if months is None or rule is None or insurance is None or insurance.amount is None:
        return [Reply("utter_migrant_rule", values)]
    result = one_time_allowance(rule, insurance.amount, allowance.amount, months)
    if result.insurance_months == 0:
        values.update(contribution=months_value(months), minimum=str(rule.minimum_months))
        return [Reply("utter_migrant_none", values)]
    values.update(
        contribution=months_value(months),
        months=str(result.insurance_months),
        monthly=str(result.monthly_yuan),
        percent=f"{result.ratio * 100:g}",
        total=f"{result.total_yuan:g}",
        effective=insurance.amount.effective or "",
    )
    return [Reply("utter_migrant_result", values)]
