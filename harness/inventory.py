"""Score the reading of real public wordings (docs/questions/wordings.yml) through the model.

Each wording is parsed by the trained Rasa model, read into a plan by the assistant's
reader and routed to its questions (as ``action_answer`` would, in a fresh
conversation: a migrant worker's amount is the allowance), and counts as understood
when one of the plan's questions is one of its ``expect`` readings. Shared by
``bench.questions`` (the figures) and the tests (a floor).
"""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Dict, Iterable, List, Tuple

import yaml

# The expectation of a wording no reading answers.
NONE = "none"
WORDINGS = Path(__file__).resolve().parents[1] / "docs" / "questions" / "wordings.yml"


@dataclass(frozen=True)
class Wording:
    """One public wording and the readings that answer it."""

    text: str
    source: str
    kind: str
    expect: Tuple[str, ...]
    split: str
    # a compound wording: one group of acceptable readings per further question
    also: Tuple[Tuple[str, ...], ...] = ()

    @property
    def scored(self) -> bool:
        """Whether some reading answers it (``expect: [none]`` rows are left out)."""
        return self.expect != (NONE,)


@dataclass(frozen=True)
class Scored:
    """A wording with what the assistant read from it."""

    wording: Wording
    read: Tuple[str, ...]

    @property
    def right(self) -> bool:
        """Whether the questions read answer the wording's main and further questions."""
        groups = (self.wording.expect, *self.wording.also)
        return all(any(_matches(read, group) for read in self.read) for group in groups)


def wordings(path: Path = WORDINGS) -> List[Wording]:
    """Every wording of the inventory."""
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Wording(
            row["text"],
            row["source"],
            row["kind"],
            tuple(row["expect"]),
            row["split"],
            tuple(tuple(group) for group in row.get("also") or ()),
        )
        for row in rows
    ]


def _matches(read: str, expect: Iterable[str]) -> bool:
    kind = read.split(":", 1)[0]
    return any(item in (read, f"{kind}:*") for item in expect)


def score(model: str, items: List[Wording], today: date) -> List[Scored]:
    """Parse every wording with the model at ``model`` and read it into a plan."""
    from rasa.core.agent import Agent

    from actions.actions import turn_of
    from bot.answers import Answerer, Context
    from bot.knowledge.loader import default_knowledge

    agent = Agent.load(model)
    answerer = Answerer(default_knowledge())

    async def parse_all() -> List[Dict[str, Any]]:
        return [await agent.parse_message(item.text) for item in items]

    parsed = asyncio.run(parse_all())
    scored = []
    for item, message in zip(items, parsed, strict=True):
        plan = answerer.reader.read(turn_of(message), Context(), today)
        asks, _ = answerer.asks_for(plan, Context(), answerer.fold(Context(), plan))
        scored.append(Scored(item, tuple(f"{ask.kind}:{ask.name}" for ask in asks)))
    return scored


def by_kind(scored: List[Scored]) -> Dict[str, Tuple[int, int]]:
    """Right and total per kind of question."""
    right: Counter = Counter()
    total: Counter = Counter()
    for item in scored:
        total[item.wording.kind] += 1
        right[item.wording.kind] += item.right
    return {kind: (right[kind], total[kind]) for kind in sorted(total)}
