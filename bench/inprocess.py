"""Per-turn costs measured inside one process: Rasa's stock behaviour against our changes."""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path
from typing import Callable, Dict

REPLY = {
    "events": [{"event": "slot", "name": "topic", "value": "documents", "timestamp": None}],
    "responses": [{"response": "utter_documents", "region": "宁波"}],
}


def action_check_ms(calls: int = 200) -> Dict[str, float]:
    """Per call: Rasa's stock check of an action-server reply, then the prepared validator."""
    from rasa.core.actions.action import RemoteAction

    from components import action_validation

    action = RemoteAction("action_answer", None)

    def per_call_ms() -> float:
        started = time.perf_counter()
        for _ in range(calls):
            action._validate_action_result(REPLY)
        return (time.perf_counter() - started) * 1000 / calls

    action_validation.uninstall()
    try:
        stock = per_call_ms()
    finally:
        action_validation.install()
    return {
        "action-reply check, Rasa's stock `jsonschema.validate`": stock,
        "action-reply check, prepared validator": per_call_ms(),
    }


def store_turn_ms(domain_file: Path, turns: int = 300) -> Dict[str, float]:
    """Per turn (load the conversation, add a turn, save): Rasa's SQLite store, then ours."""
    from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.stores.sql import DurableSQLTrackerStore

    domain = Domain.load(str(domain_file))

    async def play(store: TrackerStore) -> float:
        started = time.perf_counter()
        for turn in range(turns):
            sender = f"user-{turn // 4}"  # four-turn conversations
            tracker = await store.retrieve(sender) or DialogueStateTracker(sender, domain.slots)
            tracker.update(UserUttered("宁波失业金能领多久", {"name": "ask_duration"}))
            tracker.update(ActionExecuted("action_answer"))
            tracker.update(SlotSet("topic", "duration"))
            tracker.update(BotUttered("按宁波市的规定，累计缴费24个月，可以领3个月失业保险金。"))
            tracker.update(ActionExecuted("action_listen"))
            await store.save(tracker)
        return (time.perf_counter() - started) * 1000 / turns

    stores: Dict[str, Callable[[str], TrackerStore]] = {
        "SQLite tracker store turn, Rasa's `SQLTrackerStore`": lambda db: SQLTrackerStore(
            domain, dialect="sqlite", db=db
        ),
        "SQLite tracker store turn, `DurableSQLTrackerStore` (WAL, pooled)": lambda db: (
            DurableSQLTrackerStore(domain, dialect="sqlite", db=db)
        ),
    }
    figures = {}
    with tempfile.TemporaryDirectory(prefix="uia-store-") as folder:
        for index, (label, make) in enumerate(stores.items()):
            figures[label] = asyncio.run(play(make(str(Path(folder) / f"{index}.db"))))
    return figures
