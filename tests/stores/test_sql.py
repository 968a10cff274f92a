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


def statements_during(store: DurableSQLTrackerStore, coroutine) -> list:
    """The SQL statements the store's engine runs while ``coroutine`` runs."""
    import sqlalchemy as sa

    seen: list = []

    def record(_connection, _cursor, statement, *_args) -> None:
        seen.append(statement)

    sa.event.listen(store.engine, "before_cursor_execute", record)
    try:
        asyncio.run(coroutine)
    finally:
        sa.event.remove(store.engine, "before_cursor_execute", record)
    return seen


def test_a_turn_on_a_read_tracker_saves_its_new_events_once_without_counting(tmp_path):
    store = DurableSQLTrackerStore(Domain.empty(), db=str(tmp_path / "c.db"))
    asyncio.run(store.save(tracker_at("u", time.time())))
    tracker = asyncio.run(store.retrieve("u"))
    tracker.update(UserUttered("宁波", {"name": "inform", "confidence": 1.0}))
    statements = statements_during(store, store.save(tracker))
    assert not [s for s in statements if "count(" in s.lower()]
    tracker.update(UserUttered("多久", {"name": "ask_duration", "confidence": 1.0}))
    asyncio.run(store.save(tracker))  # saved twice: the first turn's events are not repeated
    texts = [e.text for e in asyncio.run(store.retrieve("u")).events if e.type_name == "user"]
    assert texts == ["你好", "宁波", "多久"]


def test_a_tracker_the_store_did_not_read_is_counted_as_rasa_does(tmp_path):
    store = DurableSQLTrackerStore(Domain.empty(), db=str(tmp_path / "c.db"))
    asyncio.run(store.save(tracker_at("u", time.time())))
    elsewhere = tracker_at("u", time.time())  # e.g. rebuilt from events by someone else
    elsewhere.update(UserUttered("宁波", {"name": "inform", "confidence": 1.0}))
    statements = statements_during(store, store.save(elsewhere))
    assert [s for s in statements if "count(" in s.lower()]
    texts = [e.text for e in asyncio.run(store.retrieve("u")).events if e.type_name == "user"]
    assert texts == ["你好", "宁波"]


def test_rows_carry_the_columns_rasas_store_writes(tmp_path):
    """Same rows as Rasa's SQLTrackerStore for the same turn (ids aside)."""
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.events import ActionExecuted, BotUttered

    def turn() -> DialogueStateTracker:
        tracker = tracker_at("u", 1_700_000_000.0)
        tracker.update(ActionExecuted("action_answer", timestamp=1_700_000_001.0))
        tracker.update(BotUttered("您好", timestamp=1_700_000_002.0))
        return tracker

    def rows(store) -> list:
        with store.engine.connect() as connection:
            return connection.exec_driver_sql(
                "SELECT sender_id, type_name, timestamp, intent_name, action_name, data "
                "FROM events ORDER BY id"
            ).fetchall()

    ours = DurableSQLTrackerStore(Domain.empty(), db=str(tmp_path / "ours.db"))
    rasas = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "rasa.db"))
    asyncio.run(ours.save(turn()))
    asyncio.run(rasas.save(turn()))
    assert rows(ours) == rows(rasas)
    assert [row[3:5] for row in rows(ours)] == [
        ("greet", None),
        (None, "action_answer"),
        (None, None),
    ]
