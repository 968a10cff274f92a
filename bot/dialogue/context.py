"""What a conversation has established, and how one message changes it."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Optional, Tuple

from bot.knowledge.loader import KnowledgeBase
from bot.knowledge.places import PlaceIndex, PlaceQuery, normalize
from bot.person.facts import Facts
from bot.person.reader import FactReader, Told

MIGRANT_TOPIC = "migrant"
MIGRANT_BENEFIT = "migrant_allowance"
# Questions that, about the migrant workers' allowance (named, or asked about just before),
# ask for the allowance itself: it is one sum worked out from the contribution time.
MIGRANT_FOLLOW_UPS = ("amount", "duration")


@dataclass(frozen=True)
class Context:
    """What the conversation has established so far (mirrors the Rasa slots)."""

    region_id: Optional[str] = None
    area: Optional[str] = None
    topic: Optional[str] = None
    benefit_id: Optional[str] = None
    facts: Facts = field(default_factory=Facts)
    # Whose case the facts are (a ``person`` value of case_terms.yml; None: the user's own).
    person: Optional[str] = None
    # The fact the last answer asked for, so that "是" / "55" answer it.
    requested: Optional[str] = None
    # This turn only: the message asks for a verdict ("能领吗"), not for the rules.
    wants_verdict: bool = False

    @property
    def contribution_months(self) -> Optional[int]:
        """The exact contribution time, in months, if told."""
        return self.facts.contribution_months


@dataclass(frozen=True)
class Turn:
    """What the latest user message says: its text, topic and entity values."""

    text: str
    topic: Optional[str] = None
    entity_values: Tuple[str, ...] = ()
    # For messages that are not questions (low confidence, "好的", "不用了"): what to
    # reply when they name no place or contribution time. Otherwise they inform.
    unless_informing: Optional[str] = None
    # Entities of the person's case as (entity, value): separation, person, gender …
    case_entities: Tuple[Tuple[str, str], ...] = ()
    # "affirm" / "deny" answer a yes-or-no fact the last answer asked for.
    yes_no: Optional[bool] = None


class BenefitNames:
    """Recognises the benefit a text names (longest name first)."""

    def __init__(self, knowledge: KnowledgeBase) -> None:
        names = {}
        for benefit in knowledge.national.benefits:
            for alias in (benefit.name, *benefit.aliases):
                names[normalize(alias)] = benefit.id
        self._names = sorted(names.items(), key=lambda item: -len(item[0]))

    def named_in(self, text: str) -> Optional[str]:
        """The id of the benefit ``text`` names, if any."""
        normalized = normalize(text)
        return next((benefit for name, benefit in self._names if name in normalized), None)


class ContextFolder:
    """Folds each message into the context: places, topic, benefit, the person's facts."""

    def __init__(self, places: PlaceIndex, benefits: BenefitNames, reader: FactReader) -> None:
        self.places = places
        self.benefits = benefits
        self.reader = reader

    def read(self, turn: Turn, today: date) -> Told:
        """The facts and the person a turn names."""
        return self.reader.read(turn.text, today, turn.case_entities)

    def fold(self, context: Context, turn: Turn, today: date) -> Tuple[Context, PlaceQuery]:
        """The context after ``turn``, and the places the turn named."""
        text = " ".join((turn.text, *turn.entity_values))
        query = self.places.resolve(text, context.region_id)
        region_id, area = self._place(context, query)
        told = self.read(turn, today)
        person, facts = _case(context, told)
        facts = facts.merged(_answer_to_request(context.requested, turn))
        named_benefit = self.benefits.named_in(text)
        topic = turn.topic or context.topic
        migrant = is_migrant(facts)
        if turn.topic in MIGRANT_FOLLOW_UPS:
            # "农民工补助能拿多少", "交了5年能拿多少" right after the allowance, or asked by
            # a migrant worker who names no other benefit
            named_migrant = named_benefit == MIGRANT_BENEFIT
            if named_migrant or (context.topic == MIGRANT_TOPIC and not named_benefit):
                topic = MIGRANT_TOPIC
            # a rural contract worker who names no benefit asks about the allowance
            if migrant and named_benefit is None:
                topic = MIGRANT_TOPIC
        elif turn.topic == MIGRANT_TOPIC and named_benefit not in (None, MIGRANT_BENEFIT):
            # "在厂里干了三年，能拿失业金不": a named benefit outweighs a guessed intent
            topic = None if not migrant else topic
        updated = Context(
            region_id=region_id,
            area=area,
            topic=topic,
            benefit_id=named_benefit or context.benefit_id,
            facts=facts,
            person=person,
        )
        return updated, query

    def _place(self, context: Context, query: PlaceQuery) -> Tuple[Optional[str], Optional[str]]:
        if query.areas:
            return query.areas[0].region_id, query.areas[0].name
        if query.region:
            # An area named before the region ("经开区" … "温州的") is kept if it is there.
            known = self.places.area(query.region, context.area) if context.area else None
            return query.region, known.name if known else None
        if query.ambiguous:
            return None, query.ambiguous[0][0]
        if query.uncovered:
            return None, None
        return context.region_id, context.area


def is_migrant(facts: Facts) -> bool:
    """Whether the person is a rural contract worker (the migrant allowance is theirs)."""
    return facts.work_kind == "migrant" or facts.hukou == "nonlocal_rural"


def informs(turn: Turn, query: PlaceQuery, told: Told) -> bool:
    """Whether a message names a place, a fact of the person's case or another person."""
    return bool(
        query.regions
        or query.areas
        or query.ambiguous
        or query.uncovered
        or not told.facts.is_empty()
        or told.person
    )


def _case(context: Context, told: Told) -> Tuple[Optional[str], Facts]:
    """Whose case the turn is about, and the facts it starts from.

    Naming another person ("那我老婆呢") starts a new case that inherits nothing of the
    user's own facts; naming the same person again keeps them.
    """
    person = told.person if told.person not in (None, "self") else None
    if told.person is None:
        person = context.person
    if person != context.person:
        return person, Facts().merged(told.facts)
    return person, context.facts.merged(told.facts)


def _answer_to_request(requested: Optional[str], turn: Turn) -> Facts:
    """A short reply to the fact the last answer asked for: "是", "不是", "55"."""
    if requested == "insurance_expired" and turn.yes_no is not None:
        return Facts(insurance_expired=turn.yes_no)
    if requested == "age" and turn.text.strip().isdigit():
        value = int(turn.text.strip())
        return Facts(age=value) if 14 <= value <= 100 else Facts()
    return Facts()


def without_request(context: Context) -> Context:
    """The context with no pending question."""
    return replace(context, requested=None, wants_verdict=False)
