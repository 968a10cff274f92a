"""The report's rules and wording, read from ``settings.yml`` beside this module."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, List, Optional, Pattern, Tuple

import yaml

SETTINGS_FILE = Path(__file__).with_name("settings.yml")


@dataclass(frozen=True)
class Kind:
    """One kind of unanswered message and what marks a turn as that kind."""

    kind: str
    label: str
    intents: FrozenSet[str] = frozenset()
    actions: FrozenSet[str] = frozenset()
    responses: FrozenSet[str] = frozenset()

    def matches(self, intent: str, actions: FrozenSet[str], responses: FrozenSet[str]) -> bool:
        """Whether a turn with this intent, these actions and replies is of this kind."""
        return intent in self.intents or bool(self.actions & actions or self.responses & responses)


@dataclass(frozen=True)
class Settings:
    """Thresholds, kinds and masks of the report."""

    utc_offset_hours: float
    low_confidence: float
    asked_again_within_s: float
    similar_wording: float
    examples_per_group: int
    example_chars: int
    groups_shown: int
    small_talk: FrozenSet[str]
    acknowledgements: FrozenSet[str]
    kinds: Tuple[Kind, ...]
    subjects: Dict[str, str] = field(default_factory=dict)
    masks: Tuple[Tuple[Pattern[str], str], ...] = field(default=())
    handoff_reasons: Dict[str, str] = field(default_factory=dict)
    misses_shown: int = 30

    def reason_label(self, reason: str) -> str:
        """The report's name of a handoff reason (its id where none is given)."""
        return self.handoff_reasons.get(reason, reason)

    def subject_label(self, subject: str) -> str:
        """The report's name of a topic or intent (its id where none is given)."""
        return self.subjects.get(subject, subject)

    def first_kind(
        self, intent: str, actions: FrozenSet[str], responses: FrozenSet[str]
    ) -> Optional[str]:
        """The first kind the turn matches, or None when it was answered."""
        for kind in self.kinds:
            if kind.matches(intent, actions, responses):
                return kind.kind
        return None


def _kind(entry: dict) -> Kind:
    return Kind(
        kind=entry["kind"],
        label=entry["label"],
        intents=frozenset(entry.get("intents", [])),
        actions=frozenset(entry.get("actions", [])),
        responses=frozenset(entry.get("responses", [])),
    )


def read_settings(path: Path = SETTINGS_FILE) -> Settings:
    """Settings from a YAML file (``settings.yml`` by default)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    masks: List[Tuple[Pattern[str], str]] = [
        (re.compile(mask["pattern"]), mask["label"]) for mask in data["masks"]
    ]
    return Settings(
        utc_offset_hours=float(data["utc_offset_hours"]),
        low_confidence=float(data["low_confidence"]),
        asked_again_within_s=float(data["asked_again_within_s"]),
        similar_wording=float(data["similar_wording"]),
        examples_per_group=int(data["examples_per_group"]),
        example_chars=int(data["example_chars"]),
        groups_shown=int(data["groups_shown"]),
        small_talk=frozenset(data["small_talk"]),
        acknowledgements=frozenset(data["acknowledgements"]),
        kinds=tuple(_kind(entry) for entry in data["unanswered"]),
        subjects={str(key): str(value) for key, value in data["subjects"].items()},
        masks=tuple(masks),
        handoff_reasons={str(k): str(v) for k, v in (data.get("handoff_reasons") or {}).items()},
        misses_shown=int(data.get("misses_shown", 30)),
    )


@lru_cache(maxsize=1)
def default_settings() -> Settings:
    """The settings of ``settings.yml``, read once."""
    return read_settings()


def masked(text: str, settings: Settings) -> str:
    """``text`` with anything that looks like an ID card, phone, bank card or e-mail masked."""
    for pattern, label in settings.masks:
        text = pattern.sub(label, text)
    return text
