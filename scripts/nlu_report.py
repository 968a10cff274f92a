"""Print the headline NLU figures from a `rasa test nlu` output folder."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(folder: str) -> int:
    """Print intent accuracy/F1 and per-extractor entity F1; return an exit code."""
    results = Path(folder)
    intents = json.loads((results / "intent_report.json").read_text(encoding="utf-8"))
    weighted = intents["weighted avg"]
    print(
        f"NLU held-out test: intent accuracy {intents['accuracy']:.3f}, "
        f"intent F1 (weighted) {weighted['f1-score']:.3f}, {int(weighted['support'])} utterances"
    )
    for report in sorted(results.glob("*Extractor_report.json")) + sorted(
        results.glob("DIETClassifier_report.json")
    ):
        entities = json.loads(report.read_text(encoding="utf-8"))
        average = entities.get("micro avg") or entities.get("weighted avg") or {}
        name = report.name.removesuffix("_report.json")
        print(f"  entity F1 ({name}): {average.get('f1-score', 0.0):.3f}")
    errors = results / "intent_errors.json"
    if errors.exists():
        for error in json.loads(errors.read_text(encoding="utf-8")):
            predicted = error["intent_prediction"]["name"]
            print(f"  miss: {error['text']!r} -> {predicted} (expected {error['intent']})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "results/nlu"))
