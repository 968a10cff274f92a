"""The assistant's custom actions: read slots, ask ``bot`` for replies, utter them."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot import feedback
from bot.answers import Answerer, Context, Reply, Turn
from bot.channels.payloads import payload_of
from bot.knowledge.loader import default_knowledge
from bot.person.dates import Day
from bot.person.facts import Facts
from bot.topics.registry import INTENT_TOPICS

PLACE_ENTITIES = ("region", "area", "benefit", "contribution")
# Entities of the person's case, handed to the fact reader with their values.
CASE_ENTITIES = ("separation", "person", "hukou", "work_kind", "gender", "age", "date")
# Facts kept in ``case_<name>`` slots (contribution_months keeps its own slot).
CASE_SLOTS = (
    "age",
    "age_over",
    "age_under",
    "gender",
    "contribution_below",
    "contribution_at_least",
    "continuous_months",
    "continuous_at_least",
    "separation",
    "insurance_expired",
    "hukou",
    "work_kind",
)
YES_NO = {"affirm": True, "deny": False}
# Slots a new session does not inherit: Rasa's own, about how the last session started, and
# the feedback records (each is one event, counted by the report; carried, it would count twice).
NOT_CARRIED = (
    "session_started_metadata",
    feedback.FEEDBACK_SLOT,
    feedback.WANTED_SLOT,
    feedback.HANDOFF_SLOT,
)
# The channel whose adapter can pass a conversation to the account's staff.
STAFF_CHANNEL = "wechat"
# The conversation's questions kept between turns: (slot, Context field).
LIST_SLOTS = (
    ("pending_asks", "pending"),
    ("last_asks", "last"),
    ("sent_blocks", "sent"),
    ("last_reply", "echo"),
)
FALLBACK_INTENT = "nlu_fallback"
# A fallback only because two question intents tie ("官渡区在哪办失业金": where to apply, or
# the office's address?) still asked a question: the two are offered, or the better one
# answered where one answer serves both, when together they hold this share of confidence.
TIED_QUESTIONS_MIN_CONFIDENCE = 0.6


@lru_cache(maxsize=1)
def answerer() -> Answerer:
    """The process-wide answerer over the repository's knowledge base."""
    return Answerer(default_knowledge())


def utter(dispatcher: CollectingDispatcher, replies: List[Reply]) -> None:
    """Send each reply as its domain response, with its values and buttons."""
    for reply in replies:
        buttons = [{"title": b.title, "payload": payload_of(b)} for b in reply.buttons]
        dispatcher.utter_message(response=reply.response, buttons=buttons or None, **reply.values)


def context_from(tracker: Tracker) -> Context:
    """The conversation context kept in the slots."""
    region_name = tracker.get_slot("user_region")
    region_id = next(
        (rid for rid, data in answerer().kb.regions.items() if data.region.name == region_name),
        None,
    )
    contribution = tracker.get_slot("contribution_months")
    told = {name: tracker.get_slot(f"case_{name}") for name in CASE_SLOTS}
    facts = Facts(
        contribution_months=int(contribution) if contribution is not None else None,
        left_on=Day.from_key(tracker.get_slot("case_left_on") or ""),
        **{name: value for name, value in told.items() if value is not None},
    )
    lists = {field: tuple(tracker.get_slot(slot) or ()) for slot, field in LIST_SLOTS}
    return Context(
        region_id=region_id,
        area=tracker.get_slot("user_area"),
        topic=tracker.get_slot("topic"),
        benefit_id=tracker.get_slot("user_benefit"),
        facts=facts,
        person=tracker.get_slot("case_person"),
        requested=tracker.get_slot("requested_fact"),
        insured_elsewhere=tracker.get_slot("case_insured_elsewhere"),
        insured_at=tracker.get_slot("case_insured_at"),
        insured_area=tracker.get_slot("case_insured_area"),
        own=Facts.from_slot(own) if (own := tracker.get_slot("case_own")) else None,
        aside=tracker.get_slot("case_aside"),
        aside_insured=tracker.get_slot("case_aside_insured"),
        aside_region=tracker.get_slot("case_aside_region"),
        aside_area=tracker.get_slot("case_aside_area"),
        **lists,
    )


def slot_values(context: Context) -> Dict[str, Any]:
    """The slot values that store a context."""
    months = context.contribution_months
    return {
        "user_region": region_name(context.region_id),
        "user_area": context.area,
        "topic": context.topic,
        "user_benefit": context.benefit_id,
        "contribution_months": float(months) if months is not None else None,
        "case_left_on": context.facts.left_on.key() if context.facts.left_on else None,
        "case_person": context.person,
        "requested_fact": context.requested,
        "case_insured_elsewhere": context.insured_elsewhere,
        "case_insured_at": context.insured_at,
        "case_insured_area": context.insured_area,
        "case_own": context.own.to_slot() or None if context.own is not None else None,
        "case_aside": context.aside,
        "case_aside_insured": context.aside_insured,
        "case_aside_region": context.aside_region,
        "case_aside_area": context.aside_area,
        **{slot: list(getattr(context, field)) or None for slot, field in LIST_SLOTS},
        **{f"case_{name}": getattr(context.facts, name) for name in CASE_SLOTS},
    }


def slots_for(context: Context, tracker: Optional[Tracker] = None) -> List[EventType]:
    """Slot events that store a context: only the changed slots when ``tracker`` is given.

    Every event is stored, replayed and sent to the action server on each later turn of
    the session, so unchanged slots are not set again.
    """
    values = slot_values(context)
    return [
        SlotSet(name, value)
        for name, value in values.items()
        if tracker is None or tracker.get_slot(name) != value
    ]


def latest_turn(tracker: Tracker) -> Turn:
    """The latest user message as a :class:`Turn`."""
    return turn_of(tracker.latest_message or {})


def turn_of(message: Dict[str, Any]) -> Turn:
    """A parsed message (Rasa's parse data) as a :class:`Turn`."""
    intent = (message.get("intent") or {}).get("name") or ""
    tied = tied_questions(message.get("intent_ranking") or []) if intent == FALLBACK_INTENT else ()
    entities = [
        (str(entity.get("entity")), str(entity.get("value")))
        for entity in message.get("entities") or []
        if entity.get("value") is not None
    ]
    return Turn(
        text=message.get("text") or "",
        topic=INTENT_TOPICS.get(tied[0] if tied else intent),
        entity_values=tuple(value for name, value in entities if name in PLACE_ENTITIES),
        intent=intent,
        case_entities=tuple((name, value) for name, value in entities if name in CASE_ENTITIES),
        yes_no=YES_NO.get(intent),
        tied=tuple(INTENT_TOPICS[name] for name in tied),
    )


def tied_questions(ranking: List[Dict[str, Any]]) -> tuple:
    """The two question intents whose tie caused a fallback, best first (else none)."""
    candidates = [item for item in ranking if item.get("name") != FALLBACK_INTENT][:2]
    if len(candidates) < 2 or not all(item.get("name") in INTENT_TOPICS for item in candidates):
        return ()
    together = sum(float(item.get("confidence") or 0.0) for item in candidates)
    if together < TIED_QUESTIONS_MIN_CONFIDENCE:
        return ()
    return tuple(str(item["name"]) for item in candidates)


class ActionAnswer(Action):
    """Answer the question asked (or the pending one) for the remembered place."""

    def name(self) -> str:
        """The action's name in the domain."""
        return "action_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Update the context from the latest message and utter the answer."""
        context, replies = answerer().respond(context_from(tracker), latest_turn(tracker))
        step = feedback.after_answer(
            replies,
            feedback.previous_exchange(tracker.events),
            (tracker.latest_message or {}).get("text") or "",
            pending=bool(tracker.get_slot(feedback.PENDING_SLOT)),
            misses=int(tracker.get_slot(feedback.MISSES_SLOT) or 0),
            handoff=lambda: answerer().handoff(context),
        )
        utter(dispatcher, step.replies)
        if step.handoff and tracker.get_latest_input_channel() == STAFF_CHANNEL:
            dispatcher.utter_message(json_message={"handoff": step.handoff})
        recorded = [SlotSet(name, value) for name, value in step.slots.items()]
        return slots_for(context, tracker) + recorded


class ActionSessionStart(Action):
    """Start a new session carrying every slot's current value over, once each.

    Rasa's own ``action_session_start`` re-sends every ``SlotSet`` event of the ending
    session, including the ones it carried over itself, so in a long conversation cut
    into sessions (``components.session_length``) each new session started longer than
    the last. This one sets each slot that has a value exactly once.
    """

    def name(self) -> str:
        """The action's name in the domain (replaces Rasa's default)."""
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """The session start, the carried slots, then listening."""
        carried = [
            SlotSet(name, value)
            for name, value in tracker.slots.items()
            if value is not None and name not in NOT_CARRIED
        ]
        return [SessionStarted(), *carried, ActionExecuted("action_listen")]


def region_name(region_id: Optional[str]) -> Optional[str]:
    """A region's display name."""
    return answerer().kb.regions[region_id].region.name if region_id else None
