"""Answers worked out from the guide's rules: benefit months, the one-time allowance."""

from __future__ import annotations

from dataclasses import replace
from typing import List, Optional

from bot.calculators import benefit_months, one_time_allowance, worked_out
from bot.dialogue.context import Context
from bot.formatting import numbered
from bot.knowledge.loader import RegionData
from bot.knowledge.model import Benefit, DurationRule
from bot.person.eligibility import Outcome, Status, judge
from bot.replies import Reply
from bot.topics.guide import INSURANCE, MIGRANT
from bot.topics.sections import answer_section
from bot.topics.topic import Answering, Topic
from bot.topics.verdicts import answer_verdict
from bot.topics.wording import whose

DURATION_RESPONSES = (
    "utter_duration_rule",
    "utter_duration_rule_only",
    "utter_duration_none",
    "utter_duration_result",
    "utter_duration_worked_counted",
    "utter_duration_worked_dropped",
    "utter_duration_worked_capped",
    "utter_refused_note",
)
AMOUNT_RESPONSES = (
    "utter_amount_total",
    "utter_duration_none",
    "utter_refused_note",
    "utter_duration_worked_counted",
    "utter_duration_worked_dropped",
    "utter_duration_worked_capped",
)
MIGRANT_RESPONSES = (
    "utter_migrant_rule",
    "utter_migrant_result",
    "utter_migrant_none",
    "utter_migrant_instead",
    "utter_migrant_not_urban",
)
# Hukou values of town residents: not rural contract workers.
URBAN = ("urban", "nonlocal_urban")


def months_value(months: Optional[int]) -> str:
    """A contribution time for a reply ("" when unknown)."""
    return "" if months is None else str(months)


def refused(
    answering: Answering, data: RegionData, context: Context, benefit: Optional[Benefit]
) -> Optional[List[Reply]]:
    """The verdict when the person's own facts already rule ``benefit`` out, else None.

    "能领多久" from someone who quit for their own reasons is answered with the "no",
    not with the months the contribution time would give.
    """
    if benefit is None or benefit.eligibility is None or context.facts.is_empty():
        return None
    verdict = judge(benefit.eligibility, context.facts, answering.clock())
    if verdict.outcome is not Outcome.NO:
        return None
    return answer_verdict(answering, data, context, benefit)


def refused_note(
    answering: Answering, data: RegionData, context: Context, benefit: Optional[Benefit]
) -> List[Reply]:
    """A line saying the person's facts rule ``benefit`` out, before the figures asked for.

    "假如能领的话交了20年能领几个月": the figures are the rule's, and the line says the
    case itself fails (which condition), so neither is lost.
    """
    if benefit is None or benefit.eligibility is None or context.facts.is_empty():
        return []
    verdict = judge(benefit.eligibility, context.facts, answering.clock())
    if verdict.outcome is not Outcome.NO:
        return []
    failed = "；".join(
        f.check.text for f in verdict.findings if f.status is Status.NOT_MET and f.check.text
    )
    values = {
        "whose": whose(answering, context),
        "region": data.region.name,
        "benefit": benefit.name,
        "failed": failed,
    }
    return [Reply("utter_refused_note", values)]


def duration(answering: Answering, data: RegionData, context: Context) -> List[Reply]:
    """Months of benefit (and the total) for the person's contribution time, or the rule."""
    guide = answering.guide
    benefit, preface = guide.answering_benefit(data, context, "duration_rule")
    if benefit is None or benefit.duration_rule is None:
        return preface
    preface = preface + refused_note(answering, data, context, benefit)
    rule = benefit.duration_rule
    values = guide.benefit_values(data, benefit, rule.section)
    values.update(rule=rule.text, whose=whose(answering, context), total_line="")
    months = context.contribution_months
    short = months is None and _known_short(context, rule.minimum_months)
    if months is None and not short:
        # another region's rule asked about in passing: no offer to work it out for them
        response = "utter_duration_rule_only" if context.passing else "utter_duration_rule"
        return preface + [Reply(response, values)]
    granted = 0 if months is None else benefit_months(rule, months)
    values.update(
        contribution=answering.phrases.text(
            "utter_fact_contribution_below" if short else "utter_fact_contribution_exact",
            months=rule.minimum_months if short else months,
        ),
        months=str(granted),
        minimum=str(rule.minimum_months),
    )
    if not granted:
        return preface + [Reply("utter_duration_none", values)]
    amount = benefit.amount
    if amount is not None and amount.monthly_yuan:
        values["total_line"] = answering.phrases.text(
            "utter_line_total",
            monthly=amount.monthly_yuan,
            effective=amount.effective or "",
            total=granted * amount.monthly_yuan,
        )
    replies = [Reply("utter_duration_result", values)]
    if context.worked and months is not None:
        # "4个月怎么算出来的": the rule applied step by step
        replies.append(worked_reply(rule, months))
    return preface + replies


def worked_reply(rule: DurationRule, months: int) -> Reply:
    """The months of benefit for ``months`` paid, worked out step by step."""
    steps = worked_out(rule, months)
    values = {
        "contribution": str(months),
        "minimum": str(rule.minimum_months),
        "base": str(rule.base_months),
        "beyond": str(steps.beyond),
        "step": str(rule.step_months),
        "full": str(steps.full_steps),
        "added": str(steps.full_steps * rule.extra_per_step),
        "per": str(rule.extra_per_step),
        "remainder": str(steps.remainder),
        "over": str(rule.remainder_counts_over),
        "uncapped": str(steps.uncapped),
        "maximum": str(rule.maximum_months),
        "months": str(steps.months),
    }
    counted = "counted" if steps.remainder_counted else "dropped"
    if steps.uncapped > rule.maximum_months:
        counted = "capped"
    return Reply(f"utter_duration_worked_{counted}", values)


def answer_amount(
    answering: Answering, data: Optional[RegionData], context: Context, topic: Topic
) -> List[Reply]:
    """Handler of the amount topic: the total for a known contribution time, else the rate."""
    assert data is not None
    guide = answering.guide
    benefit, _ = guide.benefit(data, context.benefit_id or INSURANCE, "amount")
    if benefit is not None and benefit.id == MIGRANT:
        # the allowance's amount is its one sum, worked out like its own question
        return answer_migrant(answering, data, context, topic)
    rule = benefit.duration_rule if benefit else None
    amount = benefit.amount if benefit else None
    months = context.contribution_months
    if benefit is None or rule is None or amount is None or not amount.monthly_yuan:
        return answer_section(answering, data, context, topic)
    if months is None and not _known_short(context, rule.minimum_months):
        replies = answer_section(answering, data, context, topic)
        if context.passing:
            return replies
        # the person's own region: offer to work out their total
        offer = answering.phrases.text("utter_amount_offer")
        return [
            replace(r, values={**r.values, "offer": offer}) if r.response == "utter_amount" else r
            for r in replies
        ]
    if months is None or benefit_months(rule, months) == 0:
        return duration(answering, data, context)
    note = refused_note(answering, data, context, benefit)
    granted = benefit_months(rule, months)
    values = guide.benefit_values(data, benefit, amount.section)
    values.update(
        whose=whose(answering, context),
        contribution=months_value(months),
        months=str(granted),
        monthly=str(amount.monthly_yuan),
        effective=amount.effective or "",
        total=str(granted * amount.monthly_yuan),
        rule=rule.text,
        source=guide.source(data, amount.section) + "；" + rule.section,
    )
    worked = [worked_reply(rule, months)] if context.worked else []
    return note + [Reply("utter_amount_total", values), *worked]


def _known_short(context: Context, minimum: int) -> bool:
    """Whether the person said they paid less than ``minimum`` months ("没交满一年")."""
    below = context.facts.contribution_below
    return below is not None and below <= minimum


def answer_duration(
    answering: Answering, data: Optional[RegionData], context: Context, topic: Topic
) -> List[Reply]:
    """Handler of the duration topic."""
    assert data is not None
    return duration(answering, data, context)


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
    if context.facts.hukou in URBAN:
        # "他是城镇户口，那个农民工补助跟他没关系吧": the allowance is for rural contract workers
        values = guide.benefit_values(data, allowance, allowance.conditions.section)
        values.update(
            whose=whose(answering, context), insurance=insurance.name if insurance else ""
        )
        return [Reply("utter_migrant_not_urban", values)]
    values = guide.benefit_values(data, allowance, allowance.conditions.section)
    values.update(
        whose=whose(answering, context),
        intro=allowance.conditions.intro or "",
        items=numbered(allowance.conditions.items),
        amount=allowance.amount.text,
    )
    no = refused(answering, data, context, allowance)
    if no is not None:
        # "最后这家干了8个月": not 连续工作满一年, so no sum
        return no
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
