"""Unanswered messages grouped by similar wording, most frequent group first.

Texts are compared by their sets of character pairs (punctuation and digits aside): a
text joins the first group whose first text shares at least the set share of pairs with
it (Jaccard), else starts a group. The number of groups kept is bounded.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Dict, FrozenSet, List, Optional

_NOISE = re.compile(r"[\W\d_]+", re.UNICODE)
MAX_GROUPS = 5000


def pairs(text: str) -> FrozenSet[str]:
    """The text's character pairs, punctuation, digits and spaces left out."""
    letters = _NOISE.sub("", text.lower())
    if len(letters) < 2:
        return frozenset({letters}) if letters else frozenset()
    return frozenset(letters[i : i + 2] for i in range(len(letters) - 1))


def similarity(first: FrozenSet[str], second: FrozenSet[str]) -> float:
    """Jaccard similarity of two pair sets."""
    if not first and not second:
        return 1.0
    return len(first & second) / len(first | second)


@dataclass
class Group:
    """Messages of similar wording."""

    pairs: FrozenSet[str]
    count: int = 0
    texts: Counter = field(default_factory=Counter)  # distinct texts (bounded) and counts
    regions: Counter = field(default_factory=Counter)
    kinds: Counter = field(default_factory=Counter)

    def examples(self, limit: int) -> List[str]:
        """The most frequent distinct texts of the group."""
        return [text for text, _ in self.texts.most_common(limit)]


class Grouper:
    """Collects texts into groups of similar wording."""

    def __init__(self, threshold: float, texts_per_group: int = 20) -> None:
        self.threshold = threshold
        self.texts_per_group = texts_per_group
        self.groups: List[Group] = []
        self._by_text: Dict[str, Group] = {}
        self.dropped = 0

    def add(self, text: str, region: Optional[str], kind: str) -> None:
        """Count one message in its group."""
        group = self._by_text.get(text) or self._find(text)
        if group is None:
            self.dropped += 1
            return
        group.count += 1
        if text in group.texts or len(group.texts) < self.texts_per_group:
            group.texts[text] += 1
            self._by_text.setdefault(text, group)
        group.regions[region or "—"] += 1
        group.kinds[kind] += 1

    def _find(self, text: str) -> Optional[Group]:
        own = pairs(text)
        for group in self.groups:
            if similarity(own, group.pairs) >= self.threshold:
                return group
        if len(self.groups) >= MAX_GROUPS:
            return None
        group = Group(pairs=own)
        self.groups.append(group)
        return group

    def most_frequent(self, limit: int) -> List[Group]:
        """The ``limit`` largest groups, largest first."""
        return sorted(self.groups, key=lambda group: -group.count)[:limit]
