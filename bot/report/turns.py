"""A conversation's events as turns: what the person wrote and how the assistant answered.

A turn is one user message and what followed it up to the next one. Its ``kind`` says how
it went unanswered (see ``settings.yml``), or is None when it was answered.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Set

from bot.feedback import FEEDBACK_SLOT, HANDOFF_SLOT, WANTED_SLOT
from bot.report.settings import Settings, masked

FALLBACK_INTENT = "nlu_fallback"
# Actions every turn runs: they say nothing about the answer.
ROUTINE_ACTIONS = frozenset({"action_listen", "action_session_start"})
REGION_SLOT, AREA_SLOT, TOPIC_SLOT = "user_region", "user_area", "topic"
# Slots that record feedback and handoffs: each set is one record, not a state.
RECORD_SLOTS = frozenset({FEEDBACK_SLOT, WANTED_SLOT, HANDOFF_SLOT})
# A reply that cites a guide carries its citation under this key of its metadata.
CITATION_KEY = "source"


@dataclass
class Turn:
    """One user message and the assistant's answer to it."""

    text: str
    intent: str
    confidence: float
    guess: str  # the most likely intent other than the fallback
    channel: str
    timestamp: float
    session: int = 0  # which session of the conversation (Rasa's session_started)
    region: Optional[str] = None
    area: Optional[str] = None
    topic: Optional[str] = None
    actions: Set[str] = field(default_factory=set)
    responses: Set[str] = field(default_factory=set)
    from_guide: bool = False
    kind: Optional[str] = None
    # What the person said of this turn's answer (True: 有用, False: 没用), what they then
    # said they wanted, and the answer's opening (masked).
    rated: Optional[bool] = None
    wanted: Optional[str] = None
    answer: str = ""
    # Why the person was passed to a person in this turn.
    handoff: Optional[str] = None

    def day(self, utc_offset_hours: float) -> str:
        """The turn's date (YYYY-MM-DD) in the report's time zone."""
        zone = dt.timezone(dt.timedelta(hours=utc_offset_hours))
        return dt.datetime.fromtimestamp(self.timestamp, zone).date().isoformat()

    @property
    def subject(self) -> str:
        """What the turn was about: the topic it was answered on, else its intent."""
        if self.kind in ("fallback", "out_of_scope") or not self.topic:
            return self.intent
        return self.topic


def _user_turn(event: Dict[str, Any], settings: Settings) -> Turn:
    parse = event.get("parse_data") or {}
    intent = parse.get("intent") or {}
    ranking = parse.get("intent_ranking") or []
    guess = next(
        (item.get("name") for item in ranking if item.get("name") != FALLBACK_INTENT),
        intent.get("name") or "",
    )
    return Turn(
        text=masked(str(event.get("text") or ""), settings),
        intent=str(intent.get("name") or ""),
        confidence=float(intent.get("confidence") or 0.0),
        guess=str(guess or ""),
        channel=str(event.get("input_channel") or "unknown"),
        timestamp=float(event.get("timestamp") or 0.0),
    )


def _close(turn: Turn, slots: Dict[str, Any]) -> None:
    """Record the place and topic the conversation stood at when the turn ended."""
    turn.region, turn.area = slots.get(REGION_SLOT), slots.get(AREA_SLOT)
    topic = slots.get(TOPIC_SLOT)
    turn.topic = str(topic) if topic else None


def read_turns(events: Iterable[Dict[str, Any]], settings: Settings) -> List[Turn]:
    """The conversation's turns, each with its outcome.

    Slots are only set when they change, so a turn's place and topic are the slots' values
    when it ends, whichever turn set them.
    """
    turns: List[Turn] = []
    slots: Dict[str, Any] = {}
    session = 0
    for event in events:
        kind = event.get("event")
        if kind == "session_started":
            session += 1
        elif kind == "slot" and event.get("name") in RECORD_SLOTS:
            _note(turns, str(event.get("name")), event.get("value"), settings)
        elif kind == "slot":
            slots[event.get("name")] = event.get("value")
        elif kind == "user":
            if turns:
                _close(turns[-1], slots)
            turns.append(_user_turn(event, settings))
            turns[-1].session = session
        elif turns and kind == "action" and event.get("name") not in ROUTINE_ACTIONS:
            turns[-1].actions.add(str(event.get("name")))
        elif turns and kind == "bot":
            metadata = event.get("metadata") or {}
            if metadata.get("utter_action"):
                turns[-1].responses.add(str(metadata["utter_action"]))
            turns[-1].from_guide = turns[-1].from_guide or bool(metadata.get(CITATION_KEY))
    if turns:
        _close(turns[-1], slots)
    judge(turns, settings)
    return turns


def _note(turns: List[Turn], slot: str, value: Any, settings: Settings) -> None:
    """Attach a feedback or handoff record (``bot/feedback.py``) to the turn it is about.

    Feedback is about the answer before the message that gave it; what was wanted belongs
    to the latest answer marked 没用; a handoff to the turn that made it.
    """
    if slot == HANDOFF_SLOT and turns and isinstance(value, dict):
        turns[-1].handoff = str(value.get("reason") or "asked")
    elif slot == FEEDBACK_SLOT and len(turns) >= 2 and isinstance(value, dict):
        rated = turns[-2]
        rated.rated = bool(value.get("helpful"))
        rated.answer = masked(str(value.get("answer_text") or ""), settings)
    elif slot == WANTED_SLOT and value:
        missed = next((t for t in reversed(turns) if t.rated is False and t.wanted is None), None)
        if missed is not None:
            missed.wanted = masked(str(value), settings)


def judge(turns: List[Turn], settings: Settings) -> None:
    """Set each turn's ``kind``: how it went unanswered, or None."""
    for index, turn in enumerate(turns):
        following = turns[index + 1] if index + 1 < len(turns) else None
        kind = settings.first_kind(turn.intent, frozenset(turn.actions), frozenset(turn.responses))
        if kind == "unresolved_place" and following is not None and following.from_guide:
            kind = None  # the person named the place and got the answer
        if kind is None and asked_again(turn, following, settings):
            kind = "asked_again"
        turn.kind = kind


def asked_again(turn: Turn, following: Optional[Turn], settings: Settings) -> bool:
    """Whether the next message asks the same question about the same place right away."""
    return (
        following is not None
        and turn.from_guide
        and turn.intent not in settings.small_talk
        and following.intent == turn.intent
        and (following.region, following.area) == (turn.region, turn.area)
        and following.timestamp - turn.timestamp <= settings.asked_again_within_s
    )


def is_question(turn: Turn, settings: Settings) -> bool:
    """Whether the message asks something (not small talk, not only naming a place)."""
    only_acknowledged = bool(turn.responses) and turn.responses <= settings.acknowledgements
    return turn.intent not in settings.small_talk and not only_acknowledged
