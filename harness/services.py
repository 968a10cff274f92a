"""Private Redis and PostgreSQL servers for the scale-out tests (started, then stopped)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Dict, Iterator, Optional

import redis

from harness.servers import free_port

PG_BIN = Path("/usr/lib/postgresql/15/bin")
PG_USER = "postgres"


def redis_available() -> bool:
    """Whether Debian's redis-server is installed."""
    return shutil.which("redis-server") is not None


def postgres_available() -> bool:
    """Whether PostgreSQL 15 and its system user are there."""
    return (PG_BIN / "postgres").exists() and shutil.which("runuser") is not None


class RedisServer:
    """A redis-server on a port of its own; can be killed and started again."""

    def __init__(self, workdir: Path) -> None:
        self.port = free_port()
        self.workdir = workdir
        self.process: Optional[subprocess.Popen] = None

    def start(self) -> None:
        """Start (or restart) on the same port and wait until it answers."""
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=0.5)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.RedisError:
                time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def kill(self) -> None:
        """Kill it at once (no shutdown)."""
        if self.process:
            self.process.kill()
            self.process.wait(timeout=10)


@contextmanager
def redis_server(workdir: Path) -> Iterator[RedisServer]:
    """A running private Redis."""
    server = RedisServer(workdir)
    server.start()
    try:
        yield server
    finally:
        server.kill()


def _as_postgres(*command: str) -> None:
    subprocess.run(
        ["runuser", "-u", PG_USER, "--", *command],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


@contextmanager
def postgres_server() -> Iterator[Dict[str, Any]]:
    """A private PostgreSQL 15 cluster with database ``assistant``; yields its settings.

    The dict also holds ``stop`` (an immediate shutdown, like a crash) and ``start``.
    """
    workdir = Path(tempfile.mkdtemp(prefix="uia-pg-"))  # not under pytest's root-only tmp
    os.chmod(workdir, 0o755)
    data = workdir / "pgdata"
    data.mkdir()
    shutil.chown(workdir, PG_USER)
    shutil.chown(data, PG_USER)
    port = free_port()
    _as_postgres(
        str(PG_BIN / "initdb"), "-D", str(data), "-U", "assistant", "--auth=trust", "-E", "UTF8"
    )

    def start() -> None:
        _as_postgres(
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(data),
            "-w",
            "-l",
            str(workdir / "pg.log"),
            "-o",
            f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 -c max_connections=200",
            "start",
        )

    def stop() -> None:
        _as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")

    start()
    try:
        _as_postgres(
            str(PG_BIN / "createdb"),
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "-U",
            "assistant",
            "assistant",
        )
        yield {
            "host": "127.0.0.1",
            "port": str(port),
            "db": "assistant",
            "user": "assistant",
            "password": "unused",
            "stop": stop,
            "start": start,
        }
    finally:
        try:
            stop()
        except subprocess.CalledProcessError:
            pass  # already stopped by a test
        shutil.rmtree(workdir, ignore_errors=True)


def postgres_stores(pg: Dict[str, Any]) -> str:
    """Endpoints YAML for the durable tracker store on the server ``postgres_server`` gave."""
    return (
        "tracker_store:\n  type: bot.stores.sql.DurableSQLTrackerStore\n  dialect: postgresql\n"
        f"  url: {pg['host']}\n  port: {pg['port']}\n  db: {pg['db']}\n"
        f"  username: {pg['user']}\n  password: {pg['password']}\n"
    )


# Seconds a Redis lock ticket lives (`STACK=scale make run` sets the same): the lock of an
# instance killed mid-turn lapses in time for the WeChat platform's retries.
SCALE_LOCK_LIFETIME = {"TICKET_LOCK_LIFETIME": "8"}


def redis_locks(port: int) -> str:
    """Endpoints YAML for Rasa's Redis lock store on a private Redis."""
    return f"lock_store:\n  type: redis\n  url: 127.0.0.1\n  port: {port}\n  db: 1\n  key_prefix: uia\n"
