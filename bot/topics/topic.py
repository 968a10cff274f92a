"""What a topic is: its intents, the section it is answered from, its handler, its replies."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, List, Mapping, Optional, Tuple

from bot.dialogue.context import Context
from bot.knowledge.loader import RegionData
from bot.knowledge.model import Benefit
from bot.phrases import Phrases
from bot.replies import Reply
from bot.topics.guide import Guide


@dataclass(frozen=True)
class Answering:
    """What a topic handler answers with: the guide, every topic by name, sentence pieces."""

    guide: Guide
    topics: Mapping[str, Topic]
    phrases: Phrases
    clock: Callable[[], date] = date.today


# handler(answering, region data or None, context, topic) -> replies
Handler = Callable[[Answering, Optional[RegionData], Context, "Topic"], List[Reply]]
# render(guide, region data, benefit, topic) -> replies, for topics answered from a section
Render = Callable[[Guide, RegionData, Benefit, "Topic"], List[Reply]]


@dataclass(frozen=True)
class Topic:
    """One topic: a registry record (``bot.topics.registry``).

    Attributes:
        name: the topic's name, kept in the ``topic`` slot.
        intents: the intents that ask it.
        handler: the function that answers it.
        responses: every domain response the handler may send for it.
        section: the benefit's section (attribute of ``Benefit``) it is answered from.
        render: for section topics, the replies made from that section.
        fallback: the topic that answers the same need where a guide lacks the section.
        needs_region: whether the region must be known before answering.
        appends_office: add the office card when an area is known.

    """

    name: str
    intents: Tuple[str, ...]
    handler: Handler
    responses: Tuple[str, ...]
    section: Optional[str] = None
    render: Optional[Render] = None
    fallback: Optional[str] = None
    # said before the fallback's answer (the topic's own section is not in the guide)
    fallback_note: Optional[str] = None
    needs_region: bool = True
    appends_office: bool = False

    def section_of(self, benefit: Benefit) -> Any:
        """The topic's section of ``benefit`` (None where the guide has none)."""
        return getattr(benefit, self.section) if self.section else None
