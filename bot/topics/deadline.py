"""Answer "is it too late?": the guide's filing deadline against the day the person left."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Dict, List, Optional, Tuple

from bot.dialogue.context import Context
from bot.knowledge.loader import RegionData
from bot.knowledge.model import Benefit
from bot.person.dates import Day
from bot.person.facts import Facts
from bot.replies import Reply
from bot.topics.topic import Answering, Topic
from bot.topics.wording import day_text, whose

DEADLINE_RESPONSES = (
    "utter_deadline_rule",
    "utter_deadline_in_time",
    "utter_deadline_ahead",
    "utter_deadline_passed",
    "utter_deadline_unsure",
    "utter_deadline_going_in_time",
    "utter_deadline_going_late",
    "utter_line_age_limit_near",
    *(f"utter_weekday_{day}" for day in range(7)),
    "utter_not_in_guide",
    "utter_question_not_in_guide",
    "utter_benefit_not_in_guide",
    "utter_benefit_procedure_shared",
)


def answer_deadline(
    answering: Answering, data: Optional[RegionData], context: Context, topic: Topic
) -> List[Reply]:
    """The deadline, and for a known leaving day how many days are used and left."""
    assert data is not None
    guide = answering.guide
    benefit, preface = guide.answering_benefit(data, context, "deadline")
    if benefit is None or benefit.deadline is None:
        return preface
    deadline = benefit.deadline
    values = guide.benefit_values(data, benefit, deadline.section)
    values.update(rule=deadline.text, days=str(deadline.days), whose=whose(answering, context))
    left = context.facts.left_on
    if left is None or left.month is None:
        return preface + [Reply("utter_deadline_rule", values, asks="left_on")]
    status, timing = deadline_timing(answering, deadline.days, left, context.person)
    values.update(timing)
    going = context.going_on
    if going is not None and left.day is not None:
        # "1月25号那天再去办来得及不": that day against the last one
        last = left.first_day() + timedelta(days=deadline.days)
        phrases = answering.phrases
        values.update(
            going=phrases.text("utter_date_day", year=going.year, month=going.month, day=going.day),
            due=phrases.text("utter_date_day", year=last.year, month=last.month, day=last.day),
            weekday=phrases.text(f"utter_weekday_{last.weekday()}"),
            going_weekday=phrases.text(f"utter_weekday_{going.weekday()}"),
        )
        timely = "in_time" if going <= last else "late"
        return preface + [Reply(f"utter_deadline_going_{timely}", values)]
    asks = "left_on" if status == "unsure" else None
    replies = [Reply(f"utter_deadline_{status}", values, asks=asks)]
    near = age_limit_values(benefit, context.facts)
    if near and status in ("in_time", "ahead", "unsure"):
        # 49 and a woman: the 50th birthday may come before the last of the 60 days
        replies.append(Reply("utter_line_age_limit_near", near))
    return preface + replies


def age_limit_values(benefit: Benefit, facts: Facts) -> Dict[str, str]:
    """The values of the line for a person one year below the guide's age limit, else {}."""
    check = next(
        (c for c in (benefit.eligibility.checks if benefit.eligibility else ()) if c.by_gender),
        None,
    )
    if check is None or check.by_gender is None or facts.age is None or facts.gender is None:
        return {}
    limit = getattr(check.by_gender, facts.gender, None)
    if limit is None or facts.age != limit.below - 1:
        return {}
    return {
        "age": str(facts.age),
        "below": str(limit.below),
        "example": check.note or "",
    }


def age_limit_line(answering: Answering, benefit: Benefit, facts: Facts) -> str:
    """The line "⚠️ 您49岁…要在满50周岁前办理" for one a year below the age limit, else ""."""
    values = age_limit_values(benefit, facts)
    return answering.phrases.text("utter_line_age_limit_near", **values) if values else ""


def deadline_timing(
    answering: Answering, days: int, left: Day, person: Optional[str] = None
) -> Tuple[str, Dict[str, str]]:
    """Whether a filing deadline of ``days`` from ``left`` is met, passed, or unsure.

    Returns ``in_time``, ``passed``, ``ahead`` (a day still to come) or ``unsure`` (a
    month given, the deadline within it)
    with the values the replies show: who left (“您”, or nobody named for another
    person's case, whose reply names them first), the day, days used and left, the last day.
    """
    today = answering.clock()
    earliest, latest = left.first_day(), left.last_day()
    values = {
        "who": "" if person else answering.phrases.text("utter_word_you"),
        "left": day_text(answering, left),
        "days": str(days),
        "today": answering.phrases.text(
            "utter_date_day", year=today.year, month=today.month, day=today.day
        ),
    }
    if earliest > today:
        # "要是12月31号跟我解除合同": a day to come; the last day counted from it
        _set_due(answering, values, earliest + timedelta(days=days))
        return "ahead", values
    if (today - latest).days > days:
        values["elapsed"] = str((today - latest).days)
        # "60天最后一天是哪天": the last day it was, counted from the latest day of leaving
        _set_due(answering, values, latest + timedelta(days=days))
        return "passed", values
    if (today - earliest).days <= days:
        due = earliest + timedelta(days=days)
        values.update(
            elapsed=str(max((today - earliest).days, 0)), remaining=str((due - today).days)
        )
        _set_due(answering, values, due)
        return "in_time", values
    return "unsure", values


def _set_due(answering: Answering, values: Dict[str, str], due: date) -> None:
    """The last day, as the replies show it and as a date (``due_on``) a check compares."""
    values["due"] = answering.phrases.text(
        "utter_date_day", year=due.year, month=due.month, day=due.day
    )
    values["due_on"] = due.isoformat()
