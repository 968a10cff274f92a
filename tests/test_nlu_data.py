"""The held-out NLU test set is written apart from the training data."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from pathlib import Path
from typing import Dict, List

import yaml

ROOT = Path(__file__).resolve().parents[1]
NEAR_COPY_RATIO = 0.8
# Greetings and thanks are too short for a ratio to mean anything: only exact copies count.
SHORT = 5


def examples(path: Path) -> Dict[str, List[str]]:
    """Intent to its plain-text examples (entity markup removed)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    table: Dict[str, List[str]] = {}
    for block in data["nlu"]:
        if "intent" not in block:
            continue
        for line in block["examples"].splitlines():
            text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", line.strip()[2:])
            table.setdefault(block["intent"], []).append(text)
    return table


def test_test_set_is_large_and_covers_every_intent():
    test = examples(ROOT / "tests" / "nlu_test.yml")
    train = examples(ROOT / "data" / "nlu.yml")
    assert sum(len(v) for v in test.values()) >= 200
    assert set(test) == set(train)


def test_no_test_utterance_copies_a_training_example():
    train = [text for texts in examples(ROOT / "data" / "nlu.yml").values() for text in texts]
    near = []
    for texts in examples(ROOT / "tests" / "nlu_test.yml").values():
        for text in texts:
            if text in train:
                near.append((text, text))
                continue
            if len(text) < SHORT:
                continue
            best = max(train, key=lambda t: SequenceMatcher(None, t, text).ratio())
            if SequenceMatcher(None, best, text).ratio() >= NEAR_COPY_RATIO:
                near.append((text, best))
    assert not near, near
