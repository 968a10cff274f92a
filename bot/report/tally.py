"""Counts over every conversation of the period, kept small whatever the store's size."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Tuple

from bot.report.grouping import Grouper
from bot.report.settings import Settings
from bot.report.turns import Turn, is_question, read_turns

# At most this many distinct low-confidence texts are kept per guessed intent.
CANDIDATES_PER_INTENT = 200


@dataclass
class Tally:
    """What the report says, counted one conversation at a time."""

    settings: Settings
    users: int = 0
    conversations: int = 0
    messages: int = 0
    questions: int = 0
    answered_from_guide: int = 0
    days: Dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    channels: Dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    topics: Counter = field(default_factory=Counter)
    regions: Counter = field(default_factory=Counter)
    unanswered: Counter = field(default_factory=Counter)
    candidates: Dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    # 有用 / 没用 by topic and by region: {name: Counter(helped=…, missed=…)}
    rated_topics: Dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    rated_regions: Dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    # answers marked 没用, the latest kept: (question, answer, wanted, region)
    misses: List[Tuple[str, str, str, str]] = field(default_factory=list)
    # questions whose answers were marked 没用, and what the person then said they wanted
    missed_texts: Counter = field(default_factory=Counter)
    handoffs: Counter = field(default_factory=Counter)
    grouper: Grouper = field(init=False)

    def __post_init__(self) -> None:
        """Start the grouping of unanswered messages with the settings' threshold."""
        self.grouper = Grouper(self.settings.similar_wording)

    def add_all(self, conversations: Iterable[Any]) -> Tally:
        """Count each (sender id, events) pair; returns self."""
        for _sender, events in conversations:
            self.add(read_turns(events, self.settings))
        return self

    def add(self, turns: List[Turn]) -> None:
        """Count one conversation's turns (the sender id is never kept)."""
        if not turns:
            return
        offset = self.settings.utc_offset_hours
        self.users += 1
        channels = {turn.channel for turn in turns}
        for channel in channels:
            self.channels[channel]["users"] += 1
        for day in {turn.day(offset) for turn in turns}:
            self.days[day]["users"] += 1
        first_of_session: Dict[int, Turn] = {}
        for turn in turns:
            first_of_session.setdefault(turn.session, turn)
            self._add_turn(turn, offset)
        for turn in first_of_session.values():
            self.conversations += 1
            self.days[turn.day(offset)]["conversations"] += 1
            self.channels[turn.channel]["conversations"] += 1

    def _add_turn(self, turn: Turn, offset: float) -> None:
        self.messages += 1
        self.days[turn.day(offset)]["messages"] += 1
        self.channels[turn.channel]["messages"] += 1
        if is_question(turn, self.settings):
            self.questions += 1
            self.topics[turn.subject] += 1
            self.regions[turn.region or "—"] += 1
            self.answered_from_guide += int(turn.from_guide and turn.kind is None)
        if turn.kind is not None:
            self.unanswered[turn.kind] += 1
            self.grouper.add(turn.text, turn.region, turn.kind)
        if turn.handoff is not None:
            self.handoffs[turn.handoff] += 1
        if turn.rated is not None:
            self._add_rating(turn)
        if turn.confidence < self.settings.low_confidence and turn.text.strip():
            kept = self.candidates[turn.guess]
            if turn.text in kept or len(kept) < CANDIDATES_PER_INTENT:
                kept[turn.text] += 1

    @property
    def guide_share(self) -> float:
        """The share of questions answered from a guide."""
        return self.answered_from_guide / self.questions if self.questions else 0.0

    def _add_rating(self, turn: Turn) -> None:
        """Count what the person said of the turn's answer; keep a missed one to show."""
        outcome = "helped" if turn.rated else "missed"
        self.rated_topics[self.settings.subject_label(turn.subject)][outcome] += 1
        self.rated_regions[turn.region or "—"][outcome] += 1
        if turn.rated:
            return
        for text in (turn.text, turn.wanted):
            kept = self.missed_texts
            if text and text.strip() and (text in kept or len(kept) < CANDIDATES_PER_INTENT):
                kept[text] += 1
        self.misses.append((turn.text, turn.answer, turn.wanted or "", turn.region or "—"))
        del self.misses[: -self.settings.misses_shown]
