"""Rasa's conversation locks in SQLite, shared by processes (as Sanic workers share them)."""

from __future__ import annotations

import asyncio
import multiprocessing
import time
from pathlib import Path
from typing import List

from rasa.core.lock_store import LockStore
from rasa.utils.endpoints import EndpointConfig

from bot.stores.locks import SQLiteLockStore


def _issue(path: str, count: int, out: multiprocessing.Queue[List[int]]) -> None:
    store = SQLiteLockStore(db=path)
    out.put([store.issue_ticket("shared") for _ in range(count)])


def test_processes_never_get_the_same_ticket(tmp_path):
    path = str(tmp_path / "locks.db")
    SQLiteLockStore(db=path)  # the table exists before the race
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    workers = [context.Process(target=_issue, args=(path, 40, out)) for _ in range(4)]
    for worker in workers:
        worker.start()
    tickets = sorted(ticket for _ in workers for ticket in out.get(timeout=60))
    for worker in workers:
        worker.join(timeout=30)
    assert tickets == list(range(160))


def _hold(path: str, started: multiprocessing.Event, seconds: float) -> None:
    async def hold() -> None:
        async with SQLiteLockStore(db=path).lock("alice"):
            started.set()
            await asyncio.sleep(seconds)

    asyncio.run(hold())


def holding(path: str, seconds: float):
    """A process that holds the conversation "alice" for ``seconds`` (started, holding)."""
    SQLiteLockStore(db=path)
    context = multiprocessing.get_context("spawn")
    started = context.Event()
    holder = context.Process(target=_hold, args=(path, started, seconds))
    holder.start()
    assert started.wait(timeout=60)
    return holder


def test_a_conversation_held_by_one_process_waits_in_another(tmp_path):
    path = str(tmp_path / "locks.db")
    holder = holding(path, 1.5)

    async def wait_for_it() -> float:
        began = time.monotonic()
        async with SQLiteLockStore(db=path).lock("alice", wait_time_in_seconds=0.05):
            return time.monotonic() - began

    async def other_conversation() -> float:
        began = time.monotonic()
        async with SQLiteLockStore(db=path).lock("bob", wait_time_in_seconds=0.05):
            return time.monotonic() - began

    assert asyncio.run(other_conversation()) < 0.5  # another conversation is not held up
    assert asyncio.run(wait_for_it()) > 0.5  # served only after the holder let go
    holder.join(timeout=30)
    assert SQLiteLockStore(db=path).get_lock("alice") is None  # cleaned up


def test_rasa_creates_it_from_the_endpoints_file_and_allows_several_workers(tmp_path, monkeypatch):
    from rasa.core.utils import number_of_sanic_workers

    config = EndpointConfig(type="bot.stores.locks.SQLiteLockStore", db=str(tmp_path / "l.db"))
    store = LockStore.create(config)
    assert isinstance(store, SQLiteLockStore) and Path(store.path).exists()
    monkeypatch.setenv("SANIC_WORKERS", "2")
    assert number_of_sanic_workers(config) == 2


def test_a_ticket_left_by_a_killed_process_is_dropped_at_once(tmp_path):
    path = str(tmp_path / "locks.db")
    holder = holding(path, 60.0)
    holder.kill()  # SIGKILL while holding the lock: its ticket (60 s lifetime) stays behind
    holder.join(timeout=30)

    async def acquire() -> float:
        began = time.monotonic()
        async with SQLiteLockStore(db=path).lock("alice", wait_time_in_seconds=0.1):
            return time.monotonic() - began

    assert asyncio.run(acquire()) < 2.0


def test_a_file_from_before_tickets_had_owners_is_upgraded(tmp_path):
    import sqlite3

    path = tmp_path / "locks.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE locks (conversation_id TEXT PRIMARY KEY, data TEXT)")
    store = SQLiteLockStore(db=str(path))
    assert store.issue_ticket("alice") == 0
    assert store.get_lock("alice") is not None
