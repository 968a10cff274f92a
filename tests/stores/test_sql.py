"""The SQL tracker store on a real SQLite file: retention and the fail-fast check."""

from __future__ import annotations

import asyncio
import time

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.stores.sql import DurableSQLTrackerStore, StoreUnavailable
from harness.servers import free_port


def tracker_at(sender: str, timestamp: float) -> DialogueStateTracker:
    """A tracker with one user message sent at ``timestamp``."""
    tracker = DialogueStateTracker(sender, [])
    tracker.update(UserUttered("你好", {"name": "greet", "confidence": 1.0}, timestamp=timestamp))
    return tracker


def test_conversations_persist_and_old_ones_are_forgotten(tmp_path):
    db = tmp_path / "sub" / "conversations.db"
    store = DurableSQLTrackerStore(Domain.empty(), db=str(db), retention_days=1)
    now = time.time()
    asyncio.run(store.save(tracker_at("old", now - 3 * 86400)))
    asyncio.run(store.save(tracker_at("recent", now - 3600)))
    reopened = DurableSQLTrackerStore(Domain.empty(), db=str(db), retention_days=1)
    assert asyncio.run(reopened.retrieve("old")) is None  # pruned on start
    recent = asyncio.run(reopened.retrieve("recent"))
    assert recent is not None and recent.latest_message.text == "你好"


def test_prune_counts_what_it_deletes(tmp_path):
    store = DurableSQLTrackerStore(Domain.empty(), db=str(tmp_path / "c.db"), retention_days=2)
    asyncio.run(store.save(tracker_at("a", time.time())))
    assert store.prune(now=time.time()) == 0
    assert store.prune(now=time.time() + 3 * 86400) == 1


def test_unreachable_postgres_fails_in_seconds_with_a_clear_error():
    started = time.monotonic()
    with pytest.raises(StoreUnavailable, match="cannot reach the tracker store") as error:
        DurableSQLTrackerStore(
            Domain.empty(),
            dialect="postgresql",
            host="127.0.0.1",
            port=free_port(),
            db="assistant",
            username="assistant",
            password="secret",
            connect_timeout_s=2,
        )
    assert time.monotonic() - started < 10
    assert "secret" not in str(error.value)


def test_sqlite_runs_in_write_ahead_log_mode_with_pooled_connections(tmp_path):
    store = DurableSQLTrackerStore(Domain.empty(), db=str(tmp_path / "c.db"))
    asyncio.run(store.save(tracker_at("a", time.time())))
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
    assert store.engine.pool.checkedin() >= 1  # kept open for the next turn


def test_two_stores_on_one_file_see_each_others_turns(tmp_path):
    """Like two Sanic workers: a turn saved by one is read by the other, in order."""
    db = str(tmp_path / "c.db")
    first = DurableSQLTrackerStore(Domain.empty(), db=db)
    second = DurableSQLTrackerStore(Domain.empty(), db=db)
    tracker = tracker_at("shared", time.time())
    asyncio.run(first.save(tracker))
    seen = asyncio.run(second.retrieve("shared"))
    seen.update(UserUttered("宁波", {"name": "inform", "confidence": 1.0}))
    asyncio.run(second.save(seen))
    texts = [e.text for e in asyncio.run(first.retrieve("shared")).events if e.type_name == "user"]
    assert texts == ["你好", "宁波"]


def test_the_latest_session_is_found_through_an_index(tmp_path):
    import sqlalchemy as sa

    from bot.stores.sql import SESSION_INDEXES

    db = tmp_path / "c.db"
    DurableSQLTrackerStore(Domain.empty(), db=str(db))
    again = DurableSQLTrackerStore(Domain.empty(), db=str(db))  # the indexes exist already
    names = {index["name"] for index in sa.inspect(again.engine).get_indexes("events")}
    assert set(SESSION_INDEXES) <= names
    plan = " ".join(
        str(row)
        for row in again.engine.connect().execute(
            sa.text(
                "EXPLAIN QUERY PLAN SELECT max(timestamp) FROM events "
                "WHERE sender_id = 'x' AND type_name = 'session_started'"
            )
        )
    )
    assert SESSION_INDEXES[0] in plan
