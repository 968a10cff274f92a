"""`rasa data validate --fail-on-warnings`, knowing which responses the actions utter.

Rasa's validator flags every response that no story or rule names, which includes
each response a custom action utters (RasaHQ/rasa#4200). This runs the validator's
checks with warnings failing, except that one, and replaces it with a stricter one:
every domain response must be named by a story/rule or chosen by the actions
(``bot.answers.all_responses``), and every response the actions choose must exist.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rasa.shared.core.events import ActionExecuted  # noqa: E402
from rasa.shared.importers.importer import TrainingDataImporter  # noqa: E402
from rasa.validator import Validator  # noqa: E402

from bot.channels.guard import GUARD_RESPONSES  # noqa: E402
from bot.channels.webchat.channel import PAGE_TEXTS  # noqa: E402
from bot.channels.wechat.channel import CHANNEL_RESPONSES  # noqa: E402
from bot.topics.registry import all_responses  # noqa: E402

# Responses sent by custom actions and by the WeChat channel, not by rules.
ACTION_RESPONSES = {
    "utter_greet",
    *all_responses(),
    *CHANNEL_RESPONSES,
    *PAGE_TEXTS.values(),
    *GUARD_RESPONSES,
}


def main() -> int:
    """Run the checks; return a process exit code."""
    importer = TrainingDataImporter.load_from_config(
        config_path=str(ROOT / "config.yml"),
        domain_path=str(ROOT / "domain.yml"),
        training_data_paths=[str(ROOT / "data")],
    )
    validator = Validator.from_importer(importer)
    checks = {
        "domain": validator.verify_domain_validity(),
        "intents": validator.verify_intents_in_stories(ignore_warnings=False),
        "examples": validator.verify_example_repetition_in_intents(ignore_warnings=False),
        "story structure": validator.verify_story_structure(ignore_warnings=False),
        "actions": validator.verify_actions_in_stories_rules(),
        "forms": validator.verify_forms_in_stories_rules(),
        "form slots": validator.verify_form_slots(),
        "slot mappings": validator.verify_slot_mappings(),
        "utterances in stories": validator.verify_utterances_in_stories(ignore_warnings=True),
    }
    in_stories = {
        event.action_name
        for step in validator.story_graph.story_steps
        for event in step.events
        if isinstance(event, ActionExecuted) and event.action_name
    }
    responses = set(validator.domain.responses)
    unused = responses - in_stories - ACTION_RESPONSES
    missing = ACTION_RESPONSES - responses
    checks["every response used"] = not unused
    checks["every action response defined"] = not missing
    if unused:
        print(f"responses neither in stories nor uttered by actions: {sorted(unused)}")
    if missing:
        print(f"responses uttered by actions but missing in domain.yml: {sorted(missing)}")
    failed = [name for name, ok in checks.items() if not ok]
    print("data validation " + (f"FAILED: {', '.join(failed)}" if failed else "passed"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
