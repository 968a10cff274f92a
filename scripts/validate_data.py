"""`rasa data validate --fail-on-warnings`, knowing the responses actions utter.

Rasa's validator warns about every response no story or rule names, which
includes each response a custom action utters (RasaHQ/rasa#4200). This runs the
same checks and counts those responses as used when ``bot.answers`` or the
actions name them; every other warning still fails.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rasa.shared.importers.importer import TrainingDataImporter  # noqa: E402
from rasa.validator import Validator  # noqa: E402

from bot.answers import all_responses  # noqa: E402

ACTION_RESPONSES = {"utter_greet", *all_responses()}


def main() -> int:
    """Run the validator; return a process exit code."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        importer = TrainingDataImporter.load_from_config(
            config_path=str(ROOT / "config.yml"),
            domain_path=str(ROOT / "domain.yml"),
            training_data_paths=[str(ROOT / "data")],
        )
        validator = Validator.from_importer(importer)
        unknown = ACTION_RESPONSES - set(validator.domain.responses)
        if unknown:
            print(f"responses uttered by actions but missing in domain.yml: {sorted(unknown)}")
            return 1
        ok = all(
            [
                validator.verify_domain_validity(),
                validator.verify_intents_in_stories(ignore_warnings=False),
                validator.verify_example_repetition_in_intents(ignore_warnings=False),
                validator.verify_utterances_in_stories(ignore_warnings=True),
                validator.verify_story_structure(ignore_warnings=False),
                validator.verify_actions_in_stories_rules(),
                validator.verify_forms_in_stories_rules(),
                validator.verify_form_slots(),
                validator.verify_slot_mappings(),
            ]
        )
    failures = [
        str(w.message)
        for w in caught
        if not any(
            f"'{name}' is not used in any story" in str(w.message) for name in ACTION_RESPONSES
        )
    ]
    for message in failures:
        print(f"warning: {message}")
    if not ok or failures:
        print("data validation failed")
        return 1
    print("data validation passed: no warnings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
