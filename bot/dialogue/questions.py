"""The cue words of ``cues.yml``: what a message asks and does, beside its intent."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, List, Optional, Pattern, Tuple

import yaml

from bot.knowledge.places import normalize

CUES_FILE = Path(__file__).with_name("cues.yml")
# How far before a verdict cue a means word ("网上", "app") turns it into a how-to question.
MEANS_REACH = 10
# A message with at least this share of Latin letters is read as English.
ENGLISH_SHARE = 0.5


@dataclass(frozen=True)
class Span:
    """A cue found in a normalized text: what it stands for, and where."""

    name: str
    start: int
    end: int


@dataclass(frozen=True)
class Cues:
    """The cue words of ``cues.yml``, compiled."""

    verdict: Tuple[Pattern[str], ...]
    topics: Dict[str, Tuple[str, ...]]
    office_topics: Tuple[str, ...]
    office_card_topic: str
    verdict_topic: str
    means: Tuple[str, ...] = ()
    yes_no_topics: Tuple[str, ...] = ()
    means_topics: Tuple[str, ...] = ()
    yes_no: Optional[Pattern[str]] = None
    how: Optional[Pattern[str]] = None
    steps: Optional[Pattern[str]] = None
    steps_request: Optional[Pattern[str]] = None
    calling: Optional[Pattern[str]] = None
    off_hours: Optional[Pattern[str]] = None
    step_lookup: Optional[Pattern[str]] = None
    step_terms: Tuple[Tuple[Pattern[str], Tuple[str, ...]], ...] = ()
    document_questions: Tuple[Tuple[str, Pattern[str]], ...] = ()
    acts: Tuple[Tuple[str, Pattern[str]], ...] = ()
    hypothetical: Optional[Pattern[str]] = None
    correction: Optional[Pattern[str]] = None
    first_person: Optional[Pattern[str]] = None
    place_negation: Optional[Pattern[str]] = None
    place_roles: Tuple[Tuple[str, Pattern[str], Pattern[str]], ...] = ()
    injected: Tuple[Pattern[str], ...] = ()
    topic_patterns: Tuple[Tuple[str, Pattern[str]], ...] = ()
    hearsay: Optional[Pattern[str]] = None
    self_compared: Optional[Pattern[str]] = None
    asking: Optional[Pattern[str]] = None
    mode_topics: Tuple[str, ...] = ()
    modes: Tuple[Tuple[str, Pattern[str]], ...] = ()
    remark: Optional[Pattern[str]] = None
    not_asked: Optional[Pattern[str]] = None
    confirming: Optional[Pattern[str]] = None
    address_check: Optional[Pattern[str]] = None
    phone_check: Optional[Pattern[str]] = None
    size_check: Optional[Pattern[str]] = None
    deadline_check: Optional[Pattern[str]] = None
    amount_check: Optional[Pattern[str]] = None
    months_check: Optional[Pattern[str]] = None
    floor_check: Optional[Pattern[str]] = None
    next_steps: Optional[Pattern[str]] = None
    bank_words: Tuple[Tuple[Pattern[str], str], ...] = ()
    next_step: Optional[Pattern[str]] = None
    worked_out: Optional[Pattern[str]] = None
    step_done: Tuple[str, ...] = ()
    step_filled: Optional[Pattern[str]] = None
    step_reported: Optional[Pattern[str]] = None
    english: Dict[str, Tuple[str, ...]] = field(default_factory=dict)
    # words voice input and typing often get wrong ("失业经", "伸领"), and what was meant
    typos: Dict[str, str] = field(default_factory=dict)

    def corrected(self, text: str) -> str:
        """``text`` with the common mistyped words replaced by the words meant."""
        for wrong, right in self.typos.items():
            text = text.replace(wrong, right)
        return text

    # -- questions -----------------------------------------------------------------------

    def verdict_spans(self, normalized: str) -> List[Span]:
        """Where ``normalized`` asks for a verdict, less the how-to questions ("网上能申请吗")."""
        spans = []
        for pattern in self.verdict:
            for match in pattern.finditer(normalized):
                before = normalized[max(0, match.start() - MEANS_REACH) : match.start()]
                if any(word in before for word in self.means):
                    continue
                spans.append(Span(self.verdict_topic, match.start(), match.end()))
        return spans

    def wants_verdict(self, text: str) -> bool:
        """Whether ``text`` asks whether the person can get a benefit."""
        return bool(self.verdict_spans(normalize(text)))

    def topic_spans(self, normalized: str, taken: List[bool]) -> List[Span]:
        """The topic cues of ``normalized`` not in ``taken``, marking them.

        Patterns first, then words, longest first.
        """
        found: List[Span] = []
        cues = sorted(
            ((cue, topic) for topic, words in self.topics.items() for cue in words),
            key=lambda pair: -len(pair[0]),
        )
        # the patterns first: each is a whole question ("证明书去哪弄"), longer than a word
        for topic, pattern in self.topic_patterns:
            for match in pattern.finditer(normalized):
                if not any(taken[match.start() : match.end()]):
                    for i in range(match.start(), match.end()):
                        taken[i] = True
                    found.append(Span(topic, match.start(), match.end()))
        for cue, topic in cues:
            start = normalized.find(cue)
            while start >= 0:
                span = range(start, start + len(cue))
                if not any(taken[i] for i in span):
                    for i in span:
                        taken[i] = True
                    found.append(Span(topic, start, start + len(cue)))
                start = normalized.find(cue, start + 1)
        # "能领吗" asks for a verdict where no longer cue ("能领多少钱") took its words.
        for span in self.verdict_spans(normalized):
            if not any(taken[span.start : span.end]):
                found.append(span)
        return sorted(found, key=lambda span: span.start)

    def topics_in(self, text: str) -> List[str]:
        """The topics ``text`` asks, in the order asked (office topics as one)."""
        normalized = normalize(text)
        spans = self.topic_spans(normalized, [False] * len(normalized))
        return self.merge_office([span.name for span in spans])

    def merge_office(self, topics: List[str]) -> List[str]:
        """Distinct topics in order, office topics asked together as the office card."""
        topics = list(dict.fromkeys(topics))
        office = [t for t in topics if t in self.office_topics]
        if len(office) > 1:
            first = topics.index(office[0])
            topics = [t for t in topics if t not in self.office_topics]
            topics.insert(first, self.office_card_topic)
        return topics

    def english_topics(self, text: str) -> List[str]:
        """The topics an English message asks, in the order of this file."""
        lowered = text.lower()
        return [
            topic
            for topic, words in self.english.items()
            # Latin letters around the word, not \b: "那其他documents呢" has Chinese around it
            if any(re.search(rf"(?<![a-z]){re.escape(word)}(?![a-z])", lowered) for word in words)
        ]

    # -- what a message does ----------------------------------------------------------------

    def acts_in(self, normalized: str) -> FrozenSet[str]:
        """The acts ``normalized`` performs (thanks, goodbye, a complaint …)."""
        return frozenset(name for name, pattern in self.acts if pattern.search(normalized))

    def without_injected(self, text: str) -> str:
        """``text`` without pasted notices and instructions to the assistant."""
        for pattern in self.injected:
            text = pattern.sub(" ", text)
        return text


def step_words(cues: Cues, normalized: str) -> Optional[Tuple[str, ...]]:
    """The words of the steps a step-lookup question names ("银行卡号在第几步填")."""
    if not (cues.step_lookup and cues.step_lookup.search(normalized)):
        return None
    return next((words for pattern, words in cues.step_terms if pattern.search(normalized)), None)


def is_english(text: str) -> bool:
    """Whether ``text`` is mostly Latin letters."""
    letters = [ch for ch in text if not ch.isspace() and not ch.isdigit()]
    latin = [ch for ch in letters if ch.isascii() and ch.isalpha()]
    return bool(letters) and len(latin) / len(letters) >= ENGLISH_SHARE


def _compile(pattern: Optional[str]) -> Optional[Pattern[str]]:
    return re.compile(pattern) if pattern else None


@lru_cache(maxsize=1)
def default_cues(path: Path = CUES_FILE) -> Cues:
    """The cue words, read once per process."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    roles = data.get("place_roles") or {}
    return Cues(
        verdict=tuple(re.compile(pattern) for pattern in data["verdict"]),
        topics={topic: tuple(words) for topic, words in data["topics"].items()},
        office_topics=tuple(data["office_topics"]),
        office_card_topic=data["office_card_topic"],
        verdict_topic=data["verdict_topic"],
        means=tuple(data.get("means") or ()),
        yes_no_topics=tuple(data.get("yes_no_topics") or ()),
        means_topics=tuple(data.get("means_topics") or ()),
        yes_no=_compile(data.get("yes_no")),
        how=_compile(data.get("how")),
        steps=_compile(data.get("steps")),
        steps_request=_compile(data.get("steps_request")),
        off_hours=_compile(data.get("off_hours")),
        step_lookup=_compile(data.get("step_lookup")),
        step_terms=tuple(
            (re.compile(pattern), tuple(words)) for pattern, words in data.get("step_terms") or ()
        ),
        document_questions=tuple(
            (kind, re.compile(pattern))
            for kind, pattern in (data.get("document_questions") or {}).items()
        ),
        acts=tuple(
            (name, re.compile(pattern)) for name, pattern in (data.get("acts") or {}).items()
        ),
        hypothetical=_compile(data.get("hypothetical")),
        correction=_compile(data.get("correction")),
        first_person=_compile(data.get("first_person")),
        place_negation=_compile(data.get("place_negation")),
        typos=dict(data.get("typos") or {}),
        place_roles=tuple(
            (role, re.compile(spec["after"]), re.compile(spec["before"]))
            for role, spec in roles.items()
        ),
        injected=tuple(re.compile(pattern) for pattern in data.get("injected") or ()),
        topic_patterns=tuple(
            (topic, re.compile(pattern))
            for topic, patterns in (data.get("topic_patterns") or {}).items()
            for pattern in patterns
        ),
        hearsay=_compile(data.get("hearsay")),
        self_compared=_compile(data.get("self_compared")),
        asking=_compile(data.get("asking")),
        mode_topics=tuple(data.get("mode_topics") or ()),
        modes=tuple((mode, re.compile(p)) for mode, p in (data.get("modes") or {}).items()),
        # a remark is also the person saying they will call
        remark=_compile("|".join(p for p in (data.get("remark"), data.get("calling")) if p)),
        calling=_compile(data.get("calling")),
        not_asked=_compile(data.get("not_asked")),
        confirming=_compile(data.get("confirming")),
        address_check=_compile(data.get("address_check")),
        phone_check=_compile(data.get("phone_check")),
        size_check=_compile(data.get("size_check")),
        deadline_check=_compile(data.get("deadline_check")),
        amount_check=_compile(data.get("amount_check")),
        months_check=_compile(data.get("months_check")),
        floor_check=_compile(data.get("floor_check")),
        next_steps=_compile(data.get("next_steps")),
        bank_words=tuple((re.compile(words), name) for words, name in data.get("bank_words") or ()),
        next_step=_compile(data.get("next_step")),
        worked_out=_compile(data.get("worked_out")),
        step_done=tuple(data.get("step_done") or ()),
        step_filled=_compile(data.get("step_filled")),
        step_reported=_compile(data.get("step_reported")),
        english={topic: tuple(words) for topic, words in (data.get("english") or {}).items()},
    )
