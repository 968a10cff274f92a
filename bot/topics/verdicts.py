"""Answer "can I get it?" about the person's own case: a verdict first, then why.

The verdict line, one line per condition checked and the question for the one
missing fact are domain responses; the conditions are the guide's, from
``eligibility`` in the region's YAML.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from bot.dialogue.context import Context, is_migrant
from bot.knowledge.loader import RegionData
from bot.knowledge.model import Benefit, Check, Period
from bot.menu import menu_buttons
from bot.person.eligibility import (
    MONTHS_FACTS,
    Finding,
    Outcome,
    PeriodStatus,
    Status,
    Verdict,
    judge,
    open_conditions,
)
from bot.person.facts import Facts
from bot.replies import Button, Reply
from bot.topics.deadline import age_limit_line, deadline_timing
from bot.topics.guide import INSURANCE, MIGRANT
from bot.topics.sections import answer_section
from bot.topics.topic import Answering, Topic
from bot.topics.wording import day_text, whose

# The intent of the menu's reckoning button (待遇计算).
CALCULATE_INTENT = "ask_duration"
VERDICT_RESPONSES = (
    "utter_verdict_yes",
    "utter_verdict_yes_window",
    "utter_verdict_no",
    "utter_verdict_depends",
    "utter_verdict_not_in_guide",
    "utter_benefit_not_in_guide",
    "utter_line_insured_elsewhere_rule",
    "utter_verdict_deadline_passed",
    "utter_conditions_not_in_guide",
)
# Pieces rendered into a verdict (never uttered alone).
LINE_RESPONSES = tuple(
    f"utter_line_{fact}_{status}"
    for fact in ("age", "contribution", "continuous_work", "separation", "insurance_expired")
    for status in ("met", "not_met")
) + (
    "utter_line_separation_undecided",
    "utter_line_note",
    "utter_line_period_after",
    "utter_line_insured_elsewhere",
    "utter_line_period_over",
    "utter_line_unchecked",
    "utter_line_deadline_in_time",
    "utter_line_deadline_ahead",
    "utter_line_deadline_passed",
    "utter_line_deadline_unsure",
    "utter_line_next",
    "utter_line_total",
    "utter_fact_contribution_exact",
    "utter_fact_contribution_gap",
    "utter_fact_contribution_below",
    "utter_fact_contribution_at_least",
    "utter_fact_age_over",
    "utter_fact_age_under",
    "utter_fact_age_exact",
    "utter_fact_gender_female",
    "utter_fact_gender_male",
    "utter_date_year",
    "utter_date_month",
    "utter_date_day",
    "utter_date_approx",
    "utter_word_you",
    "utter_ask_fact_contribution",
    "utter_ask_fact_continuous_work",
    "utter_ask_fact_separation",
    "utter_ask_fact_separation_resigned",
    "utter_ask_fact_separation_terminated",
    "utter_ask_fact_age",
    "utter_ask_fact_gender",
    "utter_ask_fact_insurance_expired",
    "utter_word_yes",
    "utter_word_no",
    "utter_whose",
    "utter_supposing",
    "utter_by_rules_of",
)


def eligible_benefit(data: RegionData, context: Context) -> Optional[Benefit]:
    """The benefit a verdict is about.

    The one named, else the migrant allowance for a rural contract worker, else the
    region's first benefit with conditions.
    """
    benefits = {b.id: b for b in data.region.benefits}
    wanted = context.benefit_id
    if wanted is None and is_migrant(context.facts) and MIGRANT in benefits:
        wanted = MIGRANT
    if wanted in benefits:
        return benefits[wanted]
    with_rules = [b for b in data.region.benefits if b.eligibility is not None]
    preferred = [b for b in with_rules if b.id == INSURANCE]
    return (preferred or with_rules or [None])[0]


def answer_conditions(
    answering: Answering, data: Optional[RegionData], context: Context, topic: Topic
) -> List[Reply]:
    """Handler of the conditions topic: a verdict when the person asks about their case."""
    assert data is not None
    benefit = eligible_benefit(data, context)
    if benefit is not None and benefit.eligibility is not None and context.wants_verdict:
        # "吉林交8个月能领失业保险金吗": the guide has only its own benefit; say so first
        _, preface = answering.guide.benefit(data, context.benefit_id, "eligibility")
        return preface + answer_verdict(answering, data, context, benefit)
    if not any(b.conditions for b in data.region.benefits):
        return conditions_not_in_guide(answering, data, context)
    return answer_section(answering, data, context, topic)


def answer_verdict(
    answering: Answering, data: RegionData, context: Context, benefit: Benefit
) -> List[Reply]:
    """The verdict replies (the last one names the fact it asks for, if any)."""
    eligibility = benefit.eligibility
    assert eligibility is not None
    today = answering.clock()
    verdict = judge(eligibility, context.facts, today)
    phrases = answering.phrases
    guide = answering.guide
    values = guide.benefit_values(data, benefit, eligibility.section)
    values["whose"] = whose(answering, context, elsewhere=False)
    lines = [_line(answering, finding, context.facts) for finding in verdict.findings]
    lines += _period_lines(answering, verdict, eligibility.period, context.facts)
    condition_lines = [line for line in lines if line]
    lines += _deadline_lines(answering, benefit, context.facts, context.person)
    outcome = verdict.outcome
    if context.insured_elsewhere:
        # the guide speaks of people insured in its region: it does not decide this case
        # (a "no" by its rules is still said, beside where the person is insured)
        if outcome in (Outcome.YES, Outcome.DEPENDS):
            outcome = Outcome.NOT_IN_GUIDE
        where = {"insured": context.insured_elsewhere, "region": data.region.name}
        rule = next(
            (p.text for b in data.region.benefits for p in b.points if p.id == "insured_elsewhere"),
            None,
        )
        if rule is not None:
            # 吉林 四, 温州 二: the guide says where; whether here too, it does not
            lines.insert(0, phrases.text("utter_line_insured_elsewhere_rule", rule=rule, **where))
        else:
            lines.insert(0, phrases.text("utter_line_insured_elsewhere", **where))
    values["findings"] = "\n".join(line for line in lines if line)
    passed = _deadline_passed(answering, benefit, context.facts, context.person)
    if passed is not None and outcome in (Outcome.YES, Outcome.DEPENDS):
        # "上个月…还能领吗" three months on: the 60 days first, then the other conditions
        values.update(passed)
        values["findings"] = "\n".join(condition_lines)
        values.update(answering.guide.contact_values(data, context))
        return [Reply("utter_verdict_deadline_passed", values)]
    still = open_conditions(eligibility, verdict)
    values["unchecked"] = (
        phrases.text("utter_line_unchecked", items="；".join(still)) if still else ""
    )
    if outcome is Outcome.DEPENDS and verdict.missing:
        values["question"] = ask_fact(answering, verdict.missing, context.facts)
        buttons = _answer_buttons(answering, verdict.missing, context.facts)
        return [Reply("utter_verdict_depends", values, buttons, asks=verdict.missing)]
    if outcome is Outcome.NOT_IN_GUIDE:
        values.update(answering.guide.contact_values(data, context))
        return [Reply("utter_verdict_not_in_guide", values)]
    if outcome is Outcome.NO:
        return [Reply("utter_verdict_no", values)]
    values["next"] = phrases.text("utter_line_next")
    if verdict.period_over and eligibility.period is not None:
        # a closed claim window: the headline says when, and that today is not covered
        values["period"] = eligibility.period.text
        return [Reply("utter_verdict_yes_window", values, _next_buttons(data))]
    return [Reply("utter_verdict_yes", values, _next_buttons(data))]


def ask_fact(answering: Answering, missing: str, facts: Facts) -> str:
    """The question for the one fact that decides: for a vague separation, what it leaves open."""
    if missing == "separation" and facts.separation:
        specific = f"utter_ask_fact_separation_{_vague_kind(facts.separation)}"
        if specific in answering.phrases.texts:
            return answering.phrases.text(specific)
    return answering.phrases.text(f"utter_ask_fact_{missing}")


def _vague_kind(separation: str) -> str:
    """Which question a vague separation leaves: the reason (resigned) or who proposed it."""
    return "resigned" if separation == "resigned" else "terminated"


def conditions_not_in_guide(
    answering: Answering, data: RegionData, context: Context
) -> List[Reply]:
    """The guide lists no conditions: say so, and who can answer."""
    values = {"guide": data.region.guide.title, "region": data.region.name}
    values.update(answering.guide.contact_values(data, context))
    return [Reply("utter_conditions_not_in_guide", values)]


def _line(answering: Answering, finding: Finding, facts: Facts) -> str:
    if finding.status is Status.UNKNOWN:
        return ""
    check = finding.check
    status = {Status.MET: "met", Status.NOT_MET: "not_met"}.get(finding.status, "undecided")
    values = {"condition": check.text, **_fact_values(answering, check, facts)}
    line = answering.phrases.text(f"utter_line_{check.fact}_{status}", **values)
    if check.note and finding.status is not Status.MET:
        # the region's own rule behind the check, under that region's citation
        line += answering.phrases.text("utter_line_note", note=check.note)
    return line


def _fact_values(answering: Answering, check: Check, facts: Facts) -> Dict[str, object]:
    phrases = answering.phrases
    if check.fact == "age":
        gender = phrases.text(f"utter_fact_gender_{facts.gender}") if facts.gender else ""
        return {"age": _age_text(answering, facts), "gender": gender}
    if check.fact in ("contribution", "continuous_work"):
        exact, below, at_least = (
            getattr(facts, name) if name else None for name in MONTHS_FACTS[check.fact]
        )
        if exact is not None:
            text = phrases.text("utter_fact_contribution_exact", months=exact)
        elif below is not None:
            text = phrases.text("utter_fact_contribution_below", months=below)
        else:
            text = phrases.text("utter_fact_contribution_at_least", months=at_least)
        gap = ""
        if check.at_least_months is not None and exact is not None:
            gap = phrases.text("utter_fact_contribution_gap", months=check.at_least_months)
        return {"contribution": text, "months": text, "gap": gap}
    if check.fact == "separation":
        term = answering.guide.kb.case_terms.separation.get(facts.separation or "")
        return {"separation": term.label if term else ""}
    return {}


def _age_text(answering: Answering, facts: Facts) -> str:
    """The age as told: exact, or only a bound ("超过50")."""
    phrases = answering.phrases
    if facts.age is not None:
        return phrases.text("utter_fact_age_exact", age=facts.age)
    if facts.age_over is not None:
        return phrases.text("utter_fact_age_over", age=facts.age_over)
    return phrases.text("utter_fact_age_under", age=facts.age_under)


def _period_lines(
    answering: Answering, verdict: Verdict, period: Optional[Period], facts: Facts
) -> List[str]:
    if period is None:
        return []
    if verdict.period is PeriodStatus.AFTER and facts.left_on is not None:
        left = day_text(answering, facts.left_on)
        return [answering.phrases.text("utter_line_period_after", date=left, period=period.text)]
    if verdict.period_over and verdict.outcome is not Outcome.YES:
        # a "yes" says it in its headline
        return [answering.phrases.text("utter_line_period_over", period=period.text)]
    return []


def _deadline_passed(
    answering: Answering, benefit: Benefit, facts: Facts, person: Optional[str] = None
) -> Optional[Dict[str, str]]:
    """The deadline's values when, by the person's own dates, it has passed."""
    left = facts.left_on
    if benefit.deadline is None or left is None:
        return None
    # a year alone ("2024年合同到期") tells a passed deadline when the whole year is past it
    status, values = deadline_timing(answering, benefit.deadline.days, left, person)
    return values if status == "passed" else None


def _deadline_lines(
    answering: Answering, benefit: Benefit, facts: Facts, person: Optional[str] = None
) -> List[str]:
    """The filing deadline against the day the person left, when both are known."""
    left = facts.left_on
    if benefit.deadline is None or left is None:
        return []
    status, values = deadline_timing(answering, benefit.deadline.days, left, person)
    if left.month is None and status != "passed":
        return []
    near = age_limit_line(answering, benefit, facts) if status != "passed" else ""
    return [answering.phrases.text(f"utter_line_deadline_{status}", **values), near]


def _answer_buttons(answering: Answering, missing: str, facts: Facts) -> Tuple[Button, ...]:
    if missing == "separation":
        terms = answering.guide.kb.case_terms.separation
        told = terms.get(facts.separation or "")
        kb_terms = answering.guide.kb.case_terms
        wanted = told.answers if told is not None and told.answers else kb_terms.separation_answers
        return tuple(
            Button.asking(terms[value].button or terms[value].label, "inform", separation=value)
            for value in wanted
        )
    if missing == "insurance_expired":
        phrases = answering.phrases
        return (
            Button(phrases.text("utter_word_yes"), "affirm"),
            Button(phrases.text("utter_word_no"), "deny"),
        )
    return ()


def _next_buttons(data: RegionData) -> Tuple[Button, ...]:
    """What to look at next; no reckoning where the guide gives no amount or duration (吉林)."""
    reckons = any(b.amount or b.duration_rule for b in data.region.benefits)
    left_out = {"ask_eligibility"} | (set() if reckons else {CALCULATE_INTENT})
    return tuple(b for b in menu_buttons() if b.intent not in left_out)
