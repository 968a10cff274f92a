"""What a channel must remember between requests, behind one small interface.

Short-lived strings with a time-to-live: which process runs a pushed message, its
finished reply, the numbered choices and "更多" continuations a user may answer, the
(timestamp, nonce) pairs already seen, an access token. Three backends:

- :class:`LocalMemory`: this process only (one Rasa process, one Sanic worker);
- :class:`SQLiteMemory`: a file every process on the machine opens (several Sanic
  workers, the ``make run`` default);
- :class:`RedisMemory`: every instance on every machine (``WECHAT_REDIS_URL``).

:func:`memory_from_env` picks one. A backend that cannot be reached raises
:class:`MemoryUnavailable`.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import threading
import time
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Callable, Dict, Optional, Tuple

MAX_LOCAL_KEYS = 100_000
PRUNE_EVERY = 1000


class MemoryUnavailable(RuntimeError):
    """The shared memory (Redis, the SQLite file) did not answer."""


class Memory(ABC):
    """Strings under keys, each forgotten ``ttl_s`` seconds after it was written."""

    @abstractmethod
    async def add(self, key: str, value: str, ttl_s: float) -> bool:
        """Store ``value`` unless ``key`` holds a live value; True when this call stored it."""

    @abstractmethod
    async def put(self, key: str, value: str, ttl_s: float) -> None:
        """Store ``value``, replacing any other."""

    @abstractmethod
    async def get(self, key: str) -> Optional[str]:
        """The live value of ``key``, or None."""

    @abstractmethod
    async def take(self, key: str) -> Optional[str]:
        """Remove ``key`` and return its live value, or None (only one caller gets it)."""


class LocalMemory(Memory):
    """Memory of this process only, bounded (the oldest entries go first)."""

    def __init__(
        self, clock: Callable[[], float] = time.monotonic, max_keys: int = MAX_LOCAL_KEYS
    ) -> None:
        self._clock = clock
        self._max_keys = max_keys
        self._items: Dict[str, Tuple[float, str]] = {}

    def _live(self, key: str) -> Optional[str]:
        item = self._items.get(key)
        if item is None:
            return None
        if item[0] <= self._clock():
            del self._items[key]
            return None
        return item[1]

    def _store(self, key: str, value: str, ttl_s: float) -> None:
        self._items.pop(key, None)
        self._items[key] = (self._clock() + ttl_s, value)
        if len(self._items) > self._max_keys:
            now = self._clock()
            self._items = {k: v for k, v in self._items.items() if v[0] > now}
            while len(self._items) > self._max_keys:
                del self._items[next(iter(self._items))]

    async def add(self, key: str, value: str, ttl_s: float) -> bool:
        """See :meth:`Memory.add`."""
        if self._live(key) is not None:
            return False
        self._store(key, value, ttl_s)
        return True

    async def put(self, key: str, value: str, ttl_s: float) -> None:
        """See :meth:`Memory.put`."""
        self._store(key, value, ttl_s)

    async def get(self, key: str) -> Optional[str]:
        """See :meth:`Memory.get`."""
        return self._live(key)

    async def take(self, key: str) -> Optional[str]:
        """See :meth:`Memory.take`."""
        value = self._live(key)
        self._items.pop(key, None)
        return value


class SQLiteMemory(Memory):
    """One table in an SQLite file (write-ahead log), shared by the machine's processes.

    Each call is one short transaction (well under a millisecond); expired rows are
    deleted every ``PRUNE_EVERY`` writes.
    """

    def __init__(self, path: Path, clock: Callable[[], float] = time.time) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._clock = clock
        self._local = threading.local()
        self._writes = 0
        self._run(
            "CREATE TABLE IF NOT EXISTS memory "
            "(key TEXT PRIMARY KEY, value TEXT NOT NULL, expires REAL NOT NULL)"
        )

    def _connection(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(self.path, timeout=2.0, isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            self._local.connection = connection
        return connection

    def _run(self, sql: str, parameters: tuple = ()) -> sqlite3.Cursor:
        try:
            return self._connection().execute(sql, parameters)
        except sqlite3.Error as error:
            raise MemoryUnavailable(f"{self.path}: {error}") from error

    def _wrote(self) -> None:
        self._writes += 1
        if self._writes % PRUNE_EVERY == 0:
            self._run("DELETE FROM memory WHERE expires <= ?", (self._clock(),))

    async def add(self, key: str, value: str, ttl_s: float) -> bool:
        """See :meth:`Memory.add` (one statement: an expired row is replaced, a live one kept)."""
        now = self._clock()
        cursor = self._run(
            "INSERT INTO memory (key, value, expires) VALUES (?, ?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value, expires = excluded.expires "
            "WHERE memory.expires <= ?",
            (key, value, now + ttl_s, now),
        )
        self._wrote()
        return cursor.rowcount == 1

    async def put(self, key: str, value: str, ttl_s: float) -> None:
        """See :meth:`Memory.put`."""
        self._run(
            "INSERT OR REPLACE INTO memory (key, value, expires) VALUES (?, ?, ?)",
            (key, value, self._clock() + ttl_s),
        )
        self._wrote()

    async def get(self, key: str) -> Optional[str]:
        """See :meth:`Memory.get`."""
        row = self._run(
            "SELECT value FROM memory WHERE key = ? AND expires > ?", (key, self._clock())
        ).fetchone()
        return row[0] if row else None

    async def take(self, key: str) -> Optional[str]:
        """See :meth:`Memory.take` (``DELETE … RETURNING``: one caller gets the value)."""
        row = self._run(
            "DELETE FROM memory WHERE key = ? RETURNING value, expires", (key,)
        ).fetchone()
        if row is None or row[1] <= self._clock():
            return None
        return row[0]


class RedisMemory(Memory):
    """Keys in Redis (``SET NX EX``, ``GETDEL``), shared by every instance."""

    def __init__(self, url: str, prefix: str = "wechat:") -> None:
        import redis.asyncio as redis

        self._redis = redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self._prefix = prefix

    async def _call(self, name: str, *arguments: object, **options: object) -> object:
        from redis.exceptions import RedisError

        try:
            return await getattr(self._redis, name)(*arguments, **options)
        except (RedisError, OSError, asyncio.TimeoutError) as error:
            raise MemoryUnavailable(f"redis: {error}") from error

    @staticmethod
    def _ttl_ms(ttl_s: float) -> int:
        return max(int(ttl_s * 1000), 1)

    async def add(self, key: str, value: str, ttl_s: float) -> bool:
        """See :meth:`Memory.add`."""
        stored = await self._call("set", self._prefix + key, value, nx=True, px=self._ttl_ms(ttl_s))
        return bool(stored)

    async def put(self, key: str, value: str, ttl_s: float) -> None:
        """See :meth:`Memory.put`."""
        await self._call("set", self._prefix + key, value, px=self._ttl_ms(ttl_s))

    async def get(self, key: str) -> Optional[str]:
        """See :meth:`Memory.get`."""
        raw = await self._call("get", self._prefix + key)
        return raw.decode("utf-8") if raw is not None else None

    async def take(self, key: str) -> Optional[str]:
        """See :meth:`Memory.take`."""
        raw = await self._call("getdel", self._prefix + key)
        return raw.decode("utf-8") if raw is not None else None


def memory_from_env(env: Optional[Dict[str, str]] = None) -> Memory:
    """Redis with ``WECHAT_REDIS_URL``, else the file of ``CHANNEL_STATE_DB``, else local."""
    env = dict(os.environ) if env is None else env
    redis_url = env.get("WECHAT_REDIS_URL", "").strip()
    if redis_url:
        return RedisMemory(redis_url)
    state_db = env.get("CHANNEL_STATE_DB", "").strip()
    if state_db:
        return SQLiteMemory(Path(state_db))
    return LocalMemory()
