"""A figure the person says back to check it: the last day, or the total.

"就是说1月14号前去对吧", "一次拿2790左右 是这样不": said right or wrong against the figure
the answer works out, in one line with its source, instead of the whole answer again.
"""

from __future__ import annotations

from datetime import date
from typing import Callable, Dict, Optional, Sequence

from bot.dialogue.context import MIGRANT_TOPIC
from bot.replies import Reply
from bot.topics.topic import Answering

RESPONSES = (
    "utter_deadline_check_yes",
    "utter_deadline_check_no",
    "utter_amount_check_yes",
    "utter_amount_check_no",
    "utter_months_check_yes",
    "utter_months_check_no",
)
# A total said "about" right: within this share of the one worked out.
CLOSE_ENOUGH = 0.03
_AMOUNT_VALUES = ("total", "monthly", "effective", "source")


def figure_check(answering: Answering, replies: Sequence[Reply], guessed: str) -> Optional[Reply]:
    """A figure guessed ("day=1-14", "total=2790", "months=13") against the one worked out."""
    kind, _, value = guessed.partition("=")
    check = _CHECKS.get(kind)
    return check(answering, replies, value) if check is not None and value else None


def deadline_check(answering: Answering, replies: Sequence[Reply], guessed: str) -> Optional[Reply]:
    """The last day guessed ("1-14") against the one the deadline answer worked out."""
    worked = next((r for r in replies if "due_on" in r.values and "rule" in r.values), None)
    if worked is None:
        return None
    due = date.fromisoformat(str(worked.values["due_on"]))
    month, day = (int(part) for part in guessed.split("-"))
    right = (due.month, due.day) == (month, day)
    values = {**worked.values, "guessed_month": str(month), "guessed_day": str(day)}
    return Reply(f"utter_deadline_check_{'yes' if right else 'no'}", values)


def amount_check(answering: Answering, replies: Sequence[Reply], guessed: str) -> Optional[Reply]:
    """The total guessed ("2790") against the one the amount answer worked out."""
    worked = next((r for r in replies if all(k in r.values for k in _AMOUNT_VALUES)), None)
    if worked is None:
        return None
    total = float(str(worked.values["total"]))
    right = total > 0 and abs(float(guessed) - total) <= CLOSE_ENOUGH * total
    values = {**worked.values, "guessed": guessed}
    return Reply(f"utter_amount_check_{'yes' if right else 'no'}", values)


def months_check(answering: Answering, replies: Sequence[Reply], guessed: str) -> Optional[Reply]:
    """The months of benefit guessed ("13") against those the answer worked out."""
    needed = ("months", "contribution", "rule", "source")
    worked = next((r for r in replies if all(k in r.values for k in needed)), None)
    if worked is None or not str(worked.values["months"]).isdigit():
        return None
    right = int(str(worked.values["months"])) == int(guessed)
    values = {**worked.values, "guessed": guessed}
    return Reply(f"utter_months_check_{'yes' if right else 'no'}", values)


_CHECKS: Dict[str, Callable[[Answering, Sequence[Reply], str], Optional[Reply]]] = {
    "day": deadline_check,
    "total": amount_check,
    "months": months_check,
}
# The topics whose answer works out a figure (the allowance of a rural contract worker too).
FIGURE_TOPICS = frozenset({"deadline", "amount", "duration", MIGRANT_TOPIC})
