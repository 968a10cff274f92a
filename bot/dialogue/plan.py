"""What one message asks and tells: the plan its reply follows, part by part."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import FrozenSet, Optional, Tuple

from bot.knowledge.places import PlaceQuery
from bot.person.facts import Facts

# Kinds of question.
TOPIC = "topic"  # a topic of the registry ("documents", "conditions" …)
QUESTION = "question"  # a precise question of knowledge/questions.yml
DOCUMENT = "document"  # whether one document is needed, enough alone, or what if missing


@dataclass(frozen=True)
class Ask:
    """One question of a message.

    ``personal``: the conditions asked about the person's own case (a verdict).
    ``detail``: for a document, ``needed`` / ``alone`` / ``missing``; for a topic asked
    as yes or no ("能网上申请吗"), ``yes_no``.
    ``place``: the place the question is about when it is not the conversation's
    ("那瑞安不能办吗").
    """

    kind: str
    name: str
    personal: bool = False
    detail: str = ""
    place: Optional[str] = None

    def key(self) -> str:
        """The ask as a slot value (``kind:name:detail:personal``)."""
        return ":".join((self.kind, self.name, self.detail, "1" if self.personal else ""))

    @classmethod
    def from_key(cls, key: str) -> Optional[Ask]:
        """The inverse of :meth:`key`; None for anything else."""
        parts = key.split(":")
        if len(parts) != 4 or parts[0] not in (TOPIC, QUESTION, DOCUMENT) or not parts[1]:
            return None
        return cls(parts[0], parts[1], personal=parts[3] == "1", detail=parts[2])


@dataclass(frozen=True)
class Plan:
    """What a message asks (in order), tells, and does.

    ``told``: facts of the case spoken about (the person's own, or ``person``'s).
    ``supposed``: facts only supposed ("要是交满一年呢"): answered with, never kept.
    ``places``: the places named, less the ones ruled out ("不是昆明").
    ``insured_elsewhere``: a place without a guide where the person says they are insured,
    while a covered one is named for something else ("在杭州参保，户口在宁波").
    ``acts``: thanks, goodbye, complaint, unfinished, greet, challenge, repeat,
    place_correction, english.
    ``own_words``: whether the asks come from the message's words (else from the intent).
    ``news``: whether what it tells changes what the conversation knows ("那宁波明天天气
    咋样" in a Ningbo conversation tells nothing new).
    """

    asks: Tuple[Ask, ...] = ()
    told: Facts = field(default_factory=Facts)
    supposed: Facts = field(default_factory=Facts)
    person: Optional[str] = None
    places: PlaceQuery = field(default_factory=PlaceQuery)
    insured_elsewhere: Optional[str] = None
    # a covered region where the person says they are insured ("社保在乐清交的")
    insured_at: Optional[str] = None
    insured_area: Optional[str] = None
    acts: FrozenSet[str] = frozenset()
    benefit: Optional[str] = None
    # a benefit the message rules out ("不是补助金")
    benefit_denied: Optional[str] = None
    # the day the person means to go and apply ("1月25号那天再去办")
    going_on: Optional[date] = None
    yes_no: Optional[bool] = None
    own_words: bool = True
    news: bool = True

    @property
    def names_place(self) -> bool:
        """Whether the message names a place (covered or not)."""
        places = self.places
        return bool(places.regions or places.areas or places.ambiguous or places.uncovered)

    @property
    def informs(self) -> bool:
        """Whether the message tells a place, a fact or another person."""
        return bool(
            self.names_place
            or not self.told.is_empty()
            or not self.supposed.is_empty()
            or self.person
            or self.insured_elsewhere
        )
