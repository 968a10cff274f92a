"""What an answer is made of: domain response names, their values, buttons, citations.

The Chinese sentences are the domain's responses; a :class:`Reply` names one and
carries the values it is filled with. A :class:`Button` names the intent (and
entities) it asks, never Rasa's payload syntax: the Rasa layer writes that
(``bot.channels.payloads``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, Mapping, Optional, Tuple

from bot.knowledge.loader import KnowledgeBase

# Reply values must not be named like rasa-sdk's utter_message parameters.
RESERVED_VALUES = ("text", "image", "json_message", "response", "attachment", "buttons", "elements")


@dataclass(frozen=True)
class Button:
    """A quick reply: what the user sees, and the intent with entities it sends."""

    title: str
    intent: str
    entities: Tuple[Tuple[str, str], ...] = ()

    @classmethod
    def asking(cls, title: str, intent: str, **entities: str) -> Button:
        """A button that sends ``intent`` with ``entities``."""
        return cls(title, intent, tuple(entities.items()))


@dataclass(frozen=True)
class Reply:
    """One bot message: a domain response and the values it is filled with."""

    response: str
    values: Mapping[str, str] = field(default_factory=dict)
    buttons: Tuple[Button, ...] = ()
    # The fact of the person's case this reply asks for, if it asks one.
    asks: Optional[str] = None


class Citations:
    """Citations of guide sections: 《title》section, each guide's title looked up once."""

    def __init__(self, knowledge: KnowledgeBase) -> None:
        self._titles: Dict[str, str] = {
            data.region.guide.file: data.region.guide.title for data in knowledge.regions.values()
        }

    def cite(self, file: str, section: str) -> str:
        """《title》section for a guide file (the file name where no guide has that file)."""
        return f"《{self._titles.get(file, file)}》{section}"
