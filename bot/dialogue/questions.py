"""What a message asks besides its intent: a verdict, or several topics in order."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Pattern, Tuple

import yaml

from bot.knowledge.places import normalize

CUES_FILE = Path(__file__).with_name("cues.yml")


@dataclass(frozen=True)
class Cues:
    """The cue words of ``cues.yml``."""

    verdict: Tuple[Pattern[str], ...]
    topics: Dict[str, Tuple[str, ...]]
    office_topics: Tuple[str, ...]
    office_card_topic: str
    verdict_topic: str
    verdict_outweighs: Tuple[str, ...] = ()

    def wants_verdict(self, text: str) -> bool:
        """Whether ``text`` asks whether the person can get a benefit."""
        normalized = normalize(text)
        return any(pattern.search(normalized) for pattern in self.verdict)

    def topics_in(self, text: str) -> List[str]:
        """The topics ``text`` asks, in the order asked (office topics as one)."""
        normalized = normalize(text)
        found: List[Tuple[int, int, str]] = []
        cues = sorted(
            ((cue, topic) for topic, words in self.topics.items() for cue in words),
            key=lambda pair: -len(pair[0]),
        )
        taken = [False] * len(normalized)
        for cue, topic in cues:
            start = normalized.find(cue)
            while start >= 0:
                span = range(start, start + len(cue))
                if not any(taken[i] for i in span):
                    for i in span:
                        taken[i] = True
                    found.append((start, len(cue), topic))
                start = normalized.find(cue, start + 1)
        # "能领吗" asks for a verdict where no longer cue ("能领多少钱") took its words.
        for pattern in self.verdict:
            for match in pattern.finditer(normalized):
                if not any(taken[match.start() : match.end()]):
                    found.append((match.start(), match.end() - match.start(), self.verdict_topic))
        ordered = [topic for _, _, topic in sorted(found)]
        topics = list(dict.fromkeys(ordered))
        office = [t for t in topics if t in self.office_topics]
        if len(office) > 1:
            first = topics.index(office[0])
            topics = [t for t in topics if t not in self.office_topics]
            topics.insert(first, self.office_card_topic)
        return topics


def asked_topics(cues: Cues, text: str, intent_topic: Optional[str]) -> List[str]:
    """The topics to answer, in order: the cued ones when two or more, else the intent's."""
    cued = cues.topics_in(text)
    if len(cued) >= 2:
        return cued
    if intent_topic is None and cued:
        return cued
    if cued == [cues.verdict_topic] and intent_topic in cues.verdict_outweighs:
        return cued
    return [intent_topic] if intent_topic else []


@lru_cache(maxsize=1)
def default_cues(path: Path = CUES_FILE) -> Cues:
    """The cue words, read once per process."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Cues(
        verdict=tuple(re.compile(pattern) for pattern in data["verdict"]),
        topics={topic: tuple(words) for topic, words in data["topics"].items()},
        office_topics=tuple(data["office_topics"]),
        office_card_topic=data["office_card_topic"],
        verdict_topic=data["verdict_topic"],
        verdict_outweighs=tuple(data.get("verdict_outweighs") or ()),
    )
