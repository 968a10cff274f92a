"""What a conversation has established, and how one message changes it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple

from bot.knowledge.loader import KnowledgeBase
from bot.knowledge.places import PlaceIndex, PlaceQuery, normalize
from bot.numerals import contribution_months

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
    contribution_months: Optional[int] = None


@dataclass(frozen=True)
class Turn:
    """What the latest user message says: its text, topic and entity values."""

    text: str
    topic: Optional[str] = None
    entity_values: Tuple[str, ...] = ()
    # For messages that are not questions (low confidence, "好的", "不用了"): what to
    # reply when they name no place or contribution time. Otherwise they inform.
    unless_informing: Optional[str] = None


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
    """Folds each message into the context: places, topic, benefit, contribution time."""

    def __init__(self, places: PlaceIndex, benefits: BenefitNames) -> None:
        self.places = places
        self.benefits = benefits

    def fold(self, context: Context, turn: Turn) -> Tuple[Context, PlaceQuery]:
        """The context after ``turn``, and the places the turn named."""
        text = " ".join((turn.text, *turn.entity_values))
        query = self.places.resolve(text, context.region_id)
        region_id, area = self._place(context, query)
        months = contribution_months(text)
        named_benefit = self.benefits.named_in(text)
        topic = turn.topic or context.topic
        if turn.topic in MIGRANT_FOLLOW_UPS:
            # "农民工补助能拿多少", or "交了5年能拿多少" right after the allowance
            named_migrant = named_benefit == MIGRANT_BENEFIT
            if named_migrant or (context.topic == MIGRANT_TOPIC and not named_benefit):
                topic = MIGRANT_TOPIC
        updated = Context(
            region_id=region_id,
            area=area,
            topic=topic,
            benefit_id=named_benefit or context.benefit_id,
            contribution_months=months if months is not None else context.contribution_months,
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


def informs(turn: Turn, query: PlaceQuery) -> bool:
    """Whether a message names a place or a contribution time."""
    return bool(
        query.regions
        or query.areas
        or query.ambiguous
        or query.uncovered
        or contribution_months(turn.text) is not None
    )
