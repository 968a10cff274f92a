"""The channel's memory: one contract, three backends (this process, an SQLite file, Redis)."""

from __future__ import annotations

import asyncio
import multiprocessing
from pathlib import Path
from typing import Iterator

import pytest

from bot.channels.memory import (
    LocalMemory,
    Memory,
    MemoryUnavailable,
    RedisMemory,
    SQLiteMemory,
    memory_from_env,
)
from harness.services import redis_available, redis_server


@pytest.fixture(params=["local", "sqlite", "redis"])
def memory(request, tmp_path) -> Iterator[Memory]:
    if request.param == "local":
        yield LocalMemory()
    elif request.param == "sqlite":
        yield SQLiteMemory(tmp_path / "state.db")
    else:
        if not redis_available():
            pytest.skip("redis-server is not installed (make services)")
        with redis_server(tmp_path) as server:
            yield RedisMemory(f"redis://127.0.0.1:{server.port}/2")


def test_add_stores_only_the_first_value(memory):
    async def scenario():
        assert await memory.add("k", "first", 60) is True
        assert await memory.add("k", "second", 60) is False
        assert await memory.get("k") == "first"

    asyncio.run(scenario())


def test_put_replaces_and_take_removes_once(memory):
    async def scenario():
        await memory.put("k", "a", 60)
        await memory.put("k", "b", 60)
        assert await memory.take("k") == "b"
        assert await memory.take("k") is None and await memory.get("k") is None
        assert await memory.get("never") is None

    asyncio.run(scenario())


def test_values_expire(memory):
    async def scenario():
        await memory.put("short", "x", 0.2)
        assert await memory.add("lease", "a", 0.2) is True
        await asyncio.sleep(0.35)
        assert await memory.get("short") is None
        assert await memory.add("lease", "b", 60) is True  # a lapsed value is taken over
        assert await memory.get("lease") == "b"

    asyncio.run(scenario())


def test_text_round_trips(memory):
    text = '["第一部分", "两个\\n行"]'

    async def scenario():
        await memory.put("json", text, 60)
        assert await memory.get("json") == text

    asyncio.run(scenario())


def _add_in_process(path: str, out) -> None:
    memory = SQLiteMemory(Path(path))
    out.put(sum(asyncio.run(memory.add(f"claim:{n}", "x", 60)) for n in range(50)))


def test_only_one_process_wins_each_sqlite_claim(tmp_path):
    path = str(tmp_path / "state.db")
    SQLiteMemory(Path(path))
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    workers = [context.Process(target=_add_in_process, args=(path, out)) for _ in range(3)]
    for worker in workers:
        worker.start()
    wins = [out.get(timeout=60) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)
    assert sum(wins) == 50


def test_the_local_memory_stays_bounded():
    memory = LocalMemory(max_keys=10)
    for number in range(25):
        asyncio.run(memory.put(f"k{number}", "v", 60))
    assert asyncio.run(memory.get("k24")) == "v" and asyncio.run(memory.get("k0")) is None
    assert len(memory._items) <= 10


def test_an_unreachable_redis_is_reported_as_unavailable():
    from harness.servers import free_port

    memory = RedisMemory(f"redis://127.0.0.1:{free_port()}/2")
    with pytest.raises(MemoryUnavailable):
        asyncio.run(memory.get("k"))


def test_an_unwritable_sqlite_file_is_reported_as_unavailable(tmp_path):
    memory = SQLiteMemory(tmp_path / "state.db")
    memory._local.connection.execute("PRAGMA query_only = ON")  # writes now fail, like a full disk
    with pytest.raises(MemoryUnavailable):
        asyncio.run(memory.put("k", "v", 60))


@pytest.mark.parametrize(
    "env, kind",
    [
        ({"WECHAT_REDIS_URL": "redis://127.0.0.1:6379/2"}, RedisMemory),
        ({"CHANNEL_STATE_DB": "state.db"}, SQLiteMemory),
        ({}, LocalMemory),
    ],
)
def test_the_backend_follows_the_environment(env, kind, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert isinstance(memory_from_env(env), kind)
