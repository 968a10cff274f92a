"""Print the headline NLU figures from a `rasa test nlu` output folder; fail below the floors.

``python scripts/nlu_report.py results/nlu --min-intent-f1 0.92 --min-entity-f1 0.93``
exits 1 when the held-out intent F1 (weighted) or an extractor's entity F1 is below its floor.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import List, Optional


def main(argv: Optional[List[str]] = None) -> int:
    """Print intent accuracy/F1 and per-extractor entity F1; 1 when a figure is below its floor."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", nargs="?", default="results/nlu")
    parser.add_argument("--min-intent-f1", type=float, default=0.0)
    parser.add_argument("--min-entity-f1", type=float, default=0.0)
    args = parser.parse_args(argv)
    results = Path(args.folder)
    failures: List[str] = []
    intents = json.loads((results / "intent_report.json").read_text(encoding="utf-8"))
    weighted = intents["weighted avg"]
    print(
        f"NLU held-out test: intent accuracy {intents['accuracy']:.3f}, "
        f"intent F1 (weighted) {weighted['f1-score']:.3f}, {int(weighted['support'])} utterances"
    )
    if weighted["f1-score"] < args.min_intent_f1:
        failures.append(f"intent F1 {weighted['f1-score']:.3f} < {args.min_intent_f1}")
    for report in sorted(results.glob("*Extractor_report.json")) + sorted(
        results.glob("DIETClassifier_report.json")
    ):
        entities = json.loads(report.read_text(encoding="utf-8"))
        average = entities.get("micro avg") or entities.get("weighted avg") or {}
        name = report.name.removesuffix("_report.json")
        score = average.get("f1-score", 0.0)
        print(f"  entity F1 ({name}): {score:.3f}")
        if score < args.min_entity_f1:
            failures.append(f"entity F1 of {name} {score:.3f} < {args.min_entity_f1}")
    errors = results / "intent_errors.json"
    if errors.exists():
        for error in json.loads(errors.read_text(encoding="utf-8")):
            predicted = error["intent_prediction"]["name"]
            print(f"  miss: {error['text']!r} -> {predicted} (expected {error['intent']})")
    for failure in failures:
        print(f"error: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
