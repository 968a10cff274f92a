"""Words a reply is built from: whose case it is, a date as precise as it was told."""

from __future__ import annotations

from dataclasses import replace

from bot.dialogue.context import Context
from bot.person.dates import Day
from bot.topics.topic import Answering


def whose(answering: Answering, context: Context, elsewhere: bool = True) -> str:
    """Whose case a reply is about ("" for the user's own), with its separator.

    A case only supposed ("那要是交满一年了呢") says so: its facts are not the person's.
    A person insured where no guide covers gets figures by the region's rules, said as such
    (``elsewhere``; a verdict says it in its own line).
    """
    supposing = answering.phrases.text("utter_supposing") if context.supposing else ""
    regions = answering.guide.kb.regions
    if elsewhere and context.insured_elsewhere and context.region_id in regions:
        supposing = (
            answering.phrases.text(
                "utter_by_rules_of",
                region=regions[context.region_id].region.name,
                insured=context.insured_elsewhere,
            )
            + supposing
        )
    if context.person is None:
        return supposing
    term = answering.guide.kb.case_terms.person.get(context.person)
    return (answering.phrases.text("utter_whose", person=term.label) if term else "") + supposing


def recap(answering: Answering, context: Context) -> str:
    """What the person has told, one item per line ("" when nothing)."""
    guide = answering.guide
    phrases = answering.phrases
    facts = context.facts
    terms = guide.kb.case_terms
    lines = []
    if context.region_id in guide.kb.regions:
        place = guide.kb.regions[context.region_id].region.name + (context.area or "")
        lines.append(phrases.text("utter_recap_place", place=place))
    if context.insured_elsewhere:
        lines.append(phrases.text("utter_recap_insured", place=context.insured_elsewhere))
    if facts.age is not None:
        lines.append(phrases.text("utter_fact_age_exact", age=facts.age))
    if facts.contribution_months is not None:
        lines.append(phrases.text("utter_recap_paid", months=facts.contribution_months))
    if facts.continuous_months is not None:
        lines.append(phrases.text("utter_recap_continuous", months=facts.continuous_months))
    for name, table in (
        ("separation", terms.separation),
        ("hukou", terms.hukou),
        ("work_kind", terms.work_kind),
    ):
        term = table.get(getattr(facts, name) or "")
        if term is not None:
            lines.append(term.label)
    if facts.left_on is not None:
        lines.append(phrases.text("utter_recap_left", date=day_text(answering, facts.left_on)))
    return "\n".join(f"• {line}" for line in lines) or phrases.text("utter_recap_nothing")


def day_text(answering: Answering, day: Day) -> str:
    """A date as precise as it was told; a rough one ("上周") says so."""
    if day.approximate:
        exact = day_text(answering, replace(day, approximate=False))
        return answering.phrases.text("utter_date_approx", date=exact)
    if day.day:
        return answering.phrases.text("utter_date_day", year=day.year, month=day.month, day=day.day)
    if day.month:
        return answering.phrases.text("utter_date_month", year=day.year, month=day.month)
    return answering.phrases.text("utter_date_year", year=day.year)
