"""What a person says about an answer (有用 / 没用), and when they are passed to a person.

Nothing here needs a database of its own: each record is a slot event of the conversation
in the tracker store, read back by the operator report (``bot/report``) and deleted with
the conversation when a person asks to be forgotten.

- ``feedback``: ``{"helpful": bool, "question": …, "answer": [response names], "answer_text": …}``,
  about the answer before the message that said 有用 or 没用.
- ``feedback_wanted``: the message after a 没用, which says what the person wanted.
- ``handoff``: ``{"reason": "asked" | "not_covered" | "repeated_misses"}``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple

from bot.replies import Reply

FEEDBACK_SLOT = "feedback"
WANTED_SLOT = "feedback_wanted"
HANDOFF_SLOT = "handoff"
PENDING_SLOT = "feedback_pending"
MISSES_SLOT = "answer_misses"
# Slots that hold the records (each set is one stored event) and the state between turns.
FEEDBACK_SLOTS = (FEEDBACK_SLOT, WANTED_SLOT, HANDOFF_SLOT, PENDING_SLOT, MISSES_SLOT)

# The reply to "没用" / "答非所问": it asks in one line what was wanted.
MISSED_REPLY = "utter_complaint"
HELPED_REPLY = "utter_feedback_thanks"
# Said before the handoff replies when answers missed again and again.
MISSED_HANDOFF_REPLY = "utter_handoff_missed"
HANDOFF_REPLIES = frozenset({"utter_handoff_office", "utter_handoff_hotline"})
# Answers that say the guide does not cover the question (a person asked for after one of
# these was needed because of it).
NOT_COVERED_REPLIES = frozenset(
    {
        "utter_not_in_guide",
        "utter_question_not_in_guide",
        "utter_question_no_guide",
        "utter_benefit_not_in_guide",
        "utter_benefit_only_other",
        "utter_verdict_not_in_guide",
        "utter_conditions_not_in_guide",
        "utter_office_address_unknown",
        "utter_office_hours_unknown",
        "utter_office_bank_unknown",
        "utter_uncovered_region",
    }
)
# Answers marked missed (since the last that helped) before a person is offered.
MISSES_BEFORE_HANDOFF = 2
# Texts kept in a record are cut to this many characters.
KEPT_CHARS = 300


@dataclass(frozen=True)
class Exchange:
    """The message before the latest one and the assistant's answer to it."""

    question: str = ""
    responses: Tuple[str, ...] = ()
    text: str = ""


@dataclass
class Step:
    """A turn's replies (a handoff may replace them) and the slots that record it."""

    replies: List[Reply]
    slots: Dict[str, Any] = field(default_factory=dict)
    handoff: Optional[str] = None  # the reason, when this turn passes the person on


def previous_exchange(events: Sequence[Mapping[str, Any]]) -> Exchange:
    """The user message before the latest one and the bot messages that answered it."""
    users = [index for index, event in enumerate(events) if event.get("event") == "user"]
    if len(users) < 2:
        return Exchange()
    start, end = users[-2], users[-1]
    bots = [event for event in events[start + 1 : end] if event.get("event") == "bot"]
    return Exchange(
        question=_cut(str(events[start].get("text") or "")),
        responses=tuple(
            str((event.get("metadata") or {}).get("utter_action") or "") for event in bots
        ),
        text=_cut("\n".join(str(event.get("text") or "") for event in bots)),
    )


def after_answer(
    replies: List[Reply],
    previous: Exchange,
    text: str,
    pending: bool,
    misses: int,
    handoff: Callable[[], List[Reply]],
) -> Step:
    """Record feedback and handoffs of this turn; hand over after repeated misses.

    ``pending``: the last reply asked what was wanted, so this message says it.
    ``handoff``: the replies that pass the person on (their office, else the hotline).
    """
    names = {reply.response for reply in replies}
    step = Step(replies)
    if pending and not names & {MISSED_REPLY, HELPED_REPLY}:
        step.slots[WANTED_SLOT] = _cut(text)
        step.slots[PENDING_SLOT] = None
    if MISSED_REPLY in names:
        step.slots[FEEDBACK_SLOT] = _record(False, previous)
        misses += 1
        if misses >= MISSES_BEFORE_HANDOFF:
            step.replies = [Reply(MISSED_HANDOFF_REPLY), *handoff()]
            step.handoff, misses = "repeated_misses", 0
        step.slots[PENDING_SLOT] = True if step.handoff is None else None
        step.slots[MISSES_SLOT] = float(misses)
    elif HELPED_REPLY in names:
        step.slots[FEEDBACK_SLOT] = _record(True, previous)
        step.slots[MISSES_SLOT] = None
        step.slots[PENDING_SLOT] = None
    elif names & HANDOFF_REPLIES:
        step.handoff = "not_covered" if set(previous.responses) & NOT_COVERED_REPLIES else "asked"
    if step.handoff is not None:
        step.slots[HANDOFF_SLOT] = {"reason": step.handoff}
    return step


def _record(helpful: bool, previous: Exchange) -> Dict[str, Any]:
    return {
        "helpful": helpful,
        "question": previous.question,
        "answer": [name for name in previous.responses if name],
        "answer_text": previous.text,
    }


def _cut(text: str) -> str:
    return text if len(text) <= KEPT_CHARS else text[: KEPT_CHARS - 1] + "…"
