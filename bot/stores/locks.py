"""Rasa's conversation locks in an SQLite file, so that several worker processes share them.

Rasa serves one conversation's messages one at a time through a lock store; its only
cross-process one is Redis. On one machine this file does the same job: in
``endpoints.yml``::

    lock_store:
      type: bot.stores.locks.SQLiteLockStore
      db: var/locks.db

Each read-modify-write of a lock runs in one ``BEGIN IMMEDIATE`` transaction, so two
processes can never both take the same ticket (Redis's store reads and writes separately).
Each ticket also records the process that took it: a process killed mid-turn leaves its
ticket behind, and the next process waiting for the conversation drops it at once instead
of waiting out the ticket's lifetime (Rasa's 60 s).
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, Optional, Tuple

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, LockStore

DEFAULT_DB = "var/locks.db"
BUSY_TIMEOUT_S = 5.0


class SQLiteLockStore(LockStore):
    """Ticket locks in one SQLite table, shared by every process that opens the file."""

    def __init__(self, endpoint_config: Any = None, db: Optional[str] = None) -> None:
        """Open (and create) the file named by ``db`` or the endpoint's ``db`` setting."""
        options = getattr(endpoint_config, "kwargs", None) or {}
        self.path = Path(db or options.get("db") or DEFAULT_DB)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        with self._transaction() as connection:
            connection.execute(
                "CREATE TABLE IF NOT EXISTS locks "
                "(conversation_id TEXT PRIMARY KEY, data TEXT, owners TEXT NOT NULL DEFAULT '{}')"
            )
            columns = {row[1] for row in connection.execute("PRAGMA table_info(locks)")}
            if "owners" not in columns:  # a file written before tickets had owners
                connection.execute("ALTER TABLE locks ADD COLUMN owners TEXT NOT NULL DEFAULT '{}'")
        super().__init__()

    def _connection(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
            )
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            self._local.connection = connection
        return connection

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        connection = self._connection()
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield connection
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")

    @staticmethod
    def _read(
        connection: sqlite3.Connection, conversation_id: str
    ) -> Tuple[Optional[TicketLock], Dict[str, int]]:
        row = connection.execute(
            "SELECT data, owners FROM locks WHERE conversation_id = ?", (conversation_id,)
        ).fetchone()
        if not row:
            return None, {}
        return TicketLock.from_dict(json.loads(row[0])), json.loads(row[1])

    @staticmethod
    def _write(connection: sqlite3.Connection, lock: TicketLock, owners: Dict[str, int]) -> None:
        numbers = {str(ticket.number) for ticket in lock.tickets}
        kept = {number: pid for number, pid in owners.items() if number in numbers}
        connection.execute(
            "INSERT OR REPLACE INTO locks (conversation_id, data, owners) VALUES (?, ?, ?)",
            (lock.conversation_id, lock.dumps(), json.dumps(kept)),
        )

    def _change(
        self, conversation_id: str, change: Callable[[TicketLock, Dict[str, int]], object]
    ) -> None:
        """Read the lock, let ``change`` alter it, write it back: one transaction."""
        with self._transaction() as connection:
            lock, owners = self._read(connection, conversation_id)
            if lock is not None:
                change(lock, owners)
                self._write(connection, lock, owners)

    def ping(self) -> None:
        """Raise if the file cannot be read (for the storage health check)."""
        self._connection().execute("SELECT count(*) FROM locks").fetchone()

    def get_lock(self, conversation_id: str) -> Optional[TicketLock]:
        """The stored lock of the conversation, if any."""
        return self._read(self._connection(), conversation_id)[0]

    def delete_lock(self, conversation_id: str) -> None:
        """Remove the conversation's lock."""
        with self._transaction() as connection:
            deleted = connection.execute(
                "DELETE FROM locks WHERE conversation_id = ?", (conversation_id,)
            ).rowcount
        self._log_deletion(conversation_id, bool(deleted))

    def save_lock(self, lock: TicketLock) -> None:
        """Store the lock (keeping the owners of its tickets)."""
        with self._transaction() as connection:
            self._write(connection, lock, self._read(connection, lock.conversation_id)[1])

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        """A new ticket for the conversation, taken atomically across processes."""
        try:
            with self._transaction() as connection:
                lock, owners = self._read(connection, conversation_id)
                lock = lock or TicketLock(conversation_id)
                ticket = lock.issue_ticket(lock_lifetime)
                owners[str(ticket)] = os.getpid()
                self._write(connection, lock, owners)
                return ticket
        except sqlite3.Error as error:
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def update_lock(self, conversation_id: str) -> None:
        """Drop expired tickets and those of processes that no longer run (atomically)."""
        self._change(conversation_id, _drop_stale_tickets)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        """Remove the served ticket (atomically)."""
        self._change(conversation_id, lambda lock, _: lock.remove_ticket_for(ticket_number))

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Remove the served ticket, and the lock when nobody waits: one transaction."""
        with self._transaction() as connection:
            lock, owners = self._read(connection, conversation_id)
            if lock is None:
                return
            lock.remove_ticket_for(ticket_number)
            if lock.is_someone_waiting():
                self._write(connection, lock, owners)
            else:
                connection.execute(
                    "DELETE FROM locks WHERE conversation_id = ?", (conversation_id,)
                )


def _drop_stale_tickets(lock: TicketLock, owners: Dict[str, int]) -> None:
    """Remove expired tickets and the tickets of processes that died."""
    lock.remove_expired_tickets()
    for ticket in list(lock.tickets):
        pid = owners.get(str(ticket.number))
        if pid is not None and not process_runs(pid):
            lock.tickets.remove(ticket)


def process_runs(pid: int) -> bool:
    """Whether a process of this machine runs (a zombie, killed but not reaped, does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    return state not in ("Z", "X")
