"""The answerer: fold a message into the context, clarify if needed, hand to the topic.

The Chinese sentences are the domain's responses; the topic handlers
(``bot.topics``) pick which ones answer and fill them from the knowledge base.
Nothing here knows Rasa.
"""

from __future__ import annotations

from typing import List, Optional, Tuple

from bot.dialogue import clarify
from bot.dialogue.context import BenefitNames, Context, ContextFolder, Turn, informs
from bot.knowledge.loader import KnowledgeBase
from bot.knowledge.places import PlaceIndex, PlaceQuery
from bot.replies import Reply
from bot.topics.guide import Guide
from bot.topics.registry import BY_NAME
from bot.topics.topic import Answering

__all__ = ["Answerer", "Context", "Reply", "Turn"]


class Answerer:
    """Answers questions from one knowledge base."""

    def __init__(self, knowledge: KnowledgeBase, places: Optional[PlaceIndex] = None) -> None:
        self.kb = knowledge
        self.guide = Guide(knowledge)
        self.folder = ContextFolder(places or PlaceIndex(knowledge), BenefitNames(knowledge))
        self.answering = Answering(self.guide, BY_NAME)

    def respond(self, context: Context, turn: Turn) -> Tuple[Context, List[Reply]]:
        """The new context and the replies to the latest message."""
        updated, query = self.folder.fold(context, turn)
        if turn.unless_informing and not informs(turn, query):
            return context, [Reply(turn.unless_informing)]
        return updated, self.answer(updated, query)

    def answer(self, context: Context, query: Optional[PlaceQuery] = None) -> List[Reply]:
        """The replies for a context, given the places the latest message named."""
        query = query or PlaceQuery()
        if query.uncovered and not (query.regions or query.areas or query.ambiguous):
            return clarify.uncovered(self.guide, query.uncovered[0])
        if query.ambiguous and not query.areas:
            return clarify.ambiguous(self.guide, *query.ambiguous[0])
        topic = BY_NAME.get(context.topic or "")
        if topic is None:
            return clarify.noted(self.guide, context)
        data = self.kb.regions[context.region_id] if context.region_id else None
        if data is None and topic.needs_region:
            return clarify.ask_region(self.guide)
        return topic.handler(self.answering, data, context, topic)

    def region_names(self) -> str:
        """Covered regions, joined for a sentence."""
        return self.guide.region_names()
