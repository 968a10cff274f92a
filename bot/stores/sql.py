"""An SQL tracker store that fails fast when unreachable and forgets old conversations.

Used from ``endpoints.yml`` as ``type: bot.stores.sql.DurableSQLTrackerStore`` with
SQLite (the default, a file under ``var/``) or PostgreSQL (the scale-out set-up).
"""

from __future__ import annotations

import itertools
import json
import logging
import time
from pathlib import Path
from typing import Any, Iterator, Optional

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

logger = logging.getLogger(__name__)

PRUNE_EVERY_S = 3600.0
# Set on a tracker this store read: how many of its events the database already holds.
STORED_EVENTS_ATTRIBUTE = "_events_in_store"
# Indexes on Rasa's events table (created when missing): see _index_sessions.
SESSION_INDEXES = ("events_sender_type_time", "events_sender_time")


class StoreUnavailable(RuntimeError):
    """The tracker store cannot be reached."""


class DurableSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore with a bounded connection check at start and a retention period."""

    def __init__(
        self,
        domain: Any = None,
        dialect: str = "sqlite",
        host: Optional[str] = None,
        port: Optional[int] = None,
        db: str = "var/conversations.db",
        username: Optional[str] = None,
        password: Optional[str] = None,
        event_broker: Any = None,
        login_db: Optional[str] = None,
        query: Optional[dict] = None,
        retention_days: float = 30.0,
        connect_timeout_s: int = 5,
        **kwargs: Any,
    ) -> None:
        if dialect == "sqlite" and db:
            Path(db).parent.mkdir(parents=True, exist_ok=True)
        url = self.get_db_url(dialect, host, port, db, username, password, login_db, query)
        check_reachable(url, connect_timeout_s)
        super().__init__(
            domain,
            dialect,
            host,
            port,
            db,
            username,
            password,
            event_broker,
            login_db,
            query,
            **kwargs,
        )
        if self.engine.dialect.name == "sqlite":
            self._pool_sqlite_connections()
        self._index_sessions()
        self.retention_s = float(retention_days) * 86400
        self._last_prune = 0.0
        self.prune()

    def _pool_sqlite_connections(self) -> None:
        """Keep SQLite connections open between turns (SQLAlchemy 1.4 opens one per session).

        Connections are pooled as SQLAlchemy 2.0 does for SQLite files, and each one is
        switched to the write-ahead log (see :func:`use_write_ahead_log`).
        """
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(
            url, poolclass=sa.pool.QueuePool, connect_args={"check_same_thread": False}
        )
        sa.event.listen(self.engine, "connect", use_write_ahead_log)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    def _index_sessions(self) -> None:
        """Indexes that find a conversation's latest session without reading all of it.

        Each turn Rasa looks up the latest ``session_started`` of the conversation and then
        reads (and counts) the events from there; with only Rasa's index on ``sender_id``
        both scan every event the conversation ever had.
        """
        events = self.SQLEvent.__table__
        columns = (
            (events.c.sender_id, events.c.type_name, events.c.timestamp),
            (events.c.sender_id, events.c.timestamp),
        )
        for name, indexed in zip(SESSION_INDEXES, columns, strict=True):
            try:
                sa.Index(name, *indexed).create(self.engine, checkfirst=True)
            except sa.exc.DatabaseError:  # another instance created it a moment ago
                logger.debug("index %s was created by another instance", name)

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> Optional[DialogueStateTracker]:
        """Rasa's read of a conversation, selecting only the events' JSON (no ORM objects).

        The tracker remembers how many events it was read with, so that :meth:`save`
        need not count them again in the database.
        """
        with self.session_scope() as session:
            rows = (
                self._event_query(session, sender_id, fetch_events_from_all_sessions)
                .with_entities(self.SQLEvent.data)
                .all()
            )
        if not self.domain or not rows:
            return None
        events = [json.loads(data) for (data,) in rows]
        tracker = DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        if not fetch_events_from_all_sessions:
            setattr(tracker, STORED_EVENTS_ATTRIBUTE, len(tracker.events))
        return tracker

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator:
        """The tracker's events not yet in the database.

        A tracker this store read (or saved) knows how many it holds; for any other, Rasa
        counts them in the database.
        """
        stored = getattr(tracker, STORED_EVENTS_ATTRIBUTE, None)
        if stored is None:
            return super()._additional_events(session, tracker)
        return itertools.islice(tracker.events, stored, len(tracker.events))

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Rasa's save of the new events, in one insert without ORM objects.

        Now and then it also forgets conversations idle for longer than the retention.
        """
        await self.stream_events(tracker)
        with self.session_scope() as session:
            rows = [
                event_row(tracker.sender_id, event)
                for event in self._additional_events(session, tracker)
            ]
            if rows:
                session.execute(self.SQLEvent.__table__.insert(), rows)
            session.commit()
        setattr(tracker, STORED_EVENTS_ATTRIBUTE, len(tracker.events))
        if time.monotonic() - self._last_prune > PRUNE_EVERY_S:
            self.prune()

    def prune(self, now: Optional[float] = None) -> int:
        """Delete every conversation whose last event is older than the retention."""
        self._last_prune = time.monotonic()
        cutoff = (time.time() if now is None else now) - self.retention_s
        events = self.SQLEvent.__table__
        idle = (
            sa.select(events.c.sender_id)
            .group_by(events.c.sender_id)
            .having(sa.func.max(events.c.timestamp) < cutoff)
        )
        with self.engine.begin() as connection:
            deleted = connection.execute(events.delete().where(events.c.sender_id.in_(idle)))
        if deleted.rowcount:
            logger.info("forgot %s events of conversations idle since %s", deleted.rowcount, cutoff)
        return int(deleted.rowcount or 0)

    def ping(self) -> None:
        """Raise if the database does not answer."""
        with self.engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))


def event_row(sender_id: str, event: Any) -> dict:
    """The columns Rasa's SQLTrackerStore writes for one event."""
    data = event.as_dict()
    return {
        "sender_id": sender_id,
        "type_name": event.type_name,
        "timestamp": data.get("timestamp"),
        "intent_name": data.get("parse_data", {}).get("intent", {}).get("name"),
        "action_name": data.get("name"),
        "data": json.dumps(data),
    }


def use_write_ahead_log(connection: Any, _record: Any) -> None:
    """SQLite in write-ahead-log mode, synced at checkpoints rather than at every commit.

    Readers no longer wait for writers, and a turn's commit costs no fsync. A crash of the
    server process loses nothing; a power cut can lose the last turns before a checkpoint.
    """
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def check_reachable(url: Any, timeout_s: int) -> None:
    """Connect once with a timeout; raise StoreUnavailable with a clear message otherwise."""
    arguments = {"connect_timeout": timeout_s} if url.get_backend_name() == "postgresql" else {}
    engine = sa.create_engine(url, connect_args=arguments)
    try:
        with engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
    except Exception as error:
        safe_url = url.render_as_string(hide_password=True)
        raise StoreUnavailable(
            f"cannot reach the tracker store at {safe_url} within {timeout_s} s: {error}"
        ) from error
    finally:
        engine.dispose()
