"""Deleting one person's conversation on request, from the store of an endpoints file."""

from __future__ import annotations

import asyncio
import time

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.stores.erase import main
from bot.stores.sql import DurableSQLTrackerStore


def test_only_the_named_conversations_are_deleted(tmp_path, capsys):
    db = tmp_path / "conversations.db"
    store = DurableSQLTrackerStore(Domain.empty(), db=str(db))
    for sender in ("wechat:oAlice", "wechat:oBob", "rest:carol"):
        tracker = DialogueStateTracker(sender, [])
        tracker.update(UserUttered("你好", {"name": "greet"}, timestamp=time.time()))
        asyncio.run(store.save(tracker))
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(
        f"tracker_store:\n  type: bot.stores.sql.DurableSQLTrackerStore\n  db: {db}\n",
        encoding="utf-8",
    )
    assert main(["--endpoints", str(endpoints), "wechat:oAlice", "rest:carol"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "wechat:oAlice: 1 events deleted",
        "rest:carol: 1 events deleted",
    ]
    assert asyncio.run(store.retrieve("wechat:oAlice")) is None
    assert asyncio.run(store.retrieve("wechat:oBob")) is not None
    assert main(["--endpoints", str(endpoints), "wechat:oAlice"]) == 0
    assert capsys.readouterr().out == "wechat:oAlice: 0 events deleted\n"
