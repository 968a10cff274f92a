"""The answerer: fold a message into the context, clarify if needed, hand to the topics.

The Chinese sentences are the domain's responses; the topic handlers
(``bot.topics``) pick which ones answer and fill them from the knowledge base.
Nothing here knows Rasa.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Callable, List, Optional, Tuple

from bot.dialogue import clarify
from bot.dialogue.context import (
    BenefitNames,
    Context,
    ContextFolder,
    Turn,
    informs,
    without_request,
)
from bot.dialogue.questions import Cues, asked_topics, default_cues
from bot.knowledge.loader import KnowledgeBase, RegionData
from bot.knowledge.places import PlaceIndex, PlaceQuery
from bot.person.facts import Facts
from bot.person.reader import FactReader
from bot.phrases import Phrases, default_phrases
from bot.replies import Reply
from bot.topics.guide import Guide
from bot.topics.points import SideAnswer, answer_point, side_answer
from bot.topics.registry import BY_NAME
from bot.topics.topic import Answering

__all__ = ["Answerer", "Context", "Reply", "Turn"]


VERDICT_TOPIC = "conditions"
# Topics worked out from the contribution time: not worth a second question beside a verdict.
COMPUTED_TOPICS = ("duration", "amount")


def _tells_a_case(facts: Facts) -> bool:
    """Whether a message tells enough of a case to judge (time paid or how the job ended)."""
    told = facts.told()
    return any(name.startswith("contribution") for name in told) or "separation" in told


def _without_uncomputable(topics: List[str], context: Context) -> List[str]:
    """Several topics, less a computed one that a verdict beside it already asks for."""
    if len(topics) < 2 or VERDICT_TOPIC not in topics or context.contribution_months is not None:
        return topics
    return [topic for topic in topics if topic not in COMPUTED_TOPICS]


class Answerer:
    """Answers questions from one knowledge base."""

    def __init__(
        self,
        knowledge: KnowledgeBase,
        places: Optional[PlaceIndex] = None,
        phrases: Optional[Phrases] = None,
        cues: Optional[Cues] = None,
        clock: Callable[[], date] = date.today,
    ) -> None:
        self.kb = knowledge
        self.guide = Guide(knowledge)
        reader = FactReader(knowledge.case_terms)
        self.folder = ContextFolder(
            places or PlaceIndex(knowledge), BenefitNames(knowledge), reader
        )
        self.cues = cues or default_cues()
        self.answering = Answering(self.guide, BY_NAME, phrases or default_phrases(), clock)

    def respond(self, context: Context, turn: Turn) -> Tuple[Context, List[Reply]]:
        """The new context and the replies to the latest message."""
        today = self.answering.clock()
        told = self.folder.read(turn, today)
        updated, query = self.folder.fold(context, turn, today)
        answering_request = context.requested is not None and turn.topic is None
        answers_yes_no = context.requested is not None and turn.yes_no is not None
        if turn.unless_informing and not informs(turn, query, told) and not answers_yes_no:
            return without_request(context), [Reply(turn.unless_informing)]
        topics = asked_topics(self.cues, turn.text, updated.topic if turn.topic else None)
        if not topics and self.cues.wants_verdict(turn.text):
            topics = [VERDICT_TOPIC]
        if not topics and updated.topic is None and _tells_a_case(told.facts):
            # "宁波交了一年半，被裁了": a person describing their case wants to know where
            # they stand, even without a question mark
            topics = [VERDICT_TOPIC]
        topics = _without_uncomputable(topics, updated)
        wants_verdict = (
            self.cues.wants_verdict(turn.text)
            or not told.facts.is_empty()
            or answering_request
            or told.person is not None
            or (updated.topic == VERDICT_TOPIC and not updated.facts.is_empty())
        )
        updated = replace(
            updated,
            topic=topics[-1] if topics else updated.topic,
            requested=None,
            wants_verdict=wants_verdict,
        )
        replies = self.answer(updated, query, turn.text, topics or [updated.topic])
        asks = next((reply.asks for reply in reversed(replies) if reply.asks), None)
        return replace(updated, requested=asks, wants_verdict=False), replies

    def answer(
        self,
        context: Context,
        query: Optional[PlaceQuery] = None,
        text: str = "",
        topics: Optional[List[Optional[str]]] = None,
    ) -> List[Reply]:
        """The replies for a context, given the places and topics the latest message named."""
        query = query or PlaceQuery()
        if query.uncovered and not (query.regions or query.areas or query.ambiguous):
            return clarify.uncovered(self.guide, query.uncovered[0])
        if query.ambiguous and not query.areas:
            return clarify.ambiguous(self.guide, *query.ambiguous[0])
        wanted = [BY_NAME[name] for name in (topics or [context.topic]) if name in BY_NAME]
        if not wanted:
            return clarify.noted(self.guide, context)
        data = self.kb.regions[context.region_id] if context.region_id else None
        if data is None and any(topic.needs_region for topic in wanted):
            return clarify.ask_region(self.guide)
        side = self._side_question(data, context, text)
        if side is not None and side.point is not None and side.benefit is not None:
            return answer_point(self.guide, data, side.benefit, side.point)
        if side is not None and side.question.topic is None and data is not None:
            return self.guide.not_in_guide(data, context)
        replies: List[Reply] = []
        for topic in wanted:
            replies += topic.handler(
                self.answering, data, replace(context, topic=topic.name), topic
            )
        return replies

    def _side_question(
        self, data: Optional[RegionData], context: Context, text: str
    ) -> Optional[SideAnswer]:
        """The side question a message asks, unless it asks for a verdict."""
        if data is None or not text or self.cues.wants_verdict(text):
            return None
        return side_answer(self.kb, data, context, text)

    def region_names(self) -> str:
        """Covered regions, joined for a sentence."""
        return self.guide.region_names()
