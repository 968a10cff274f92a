"""Start the real action server and Rasa server for end-to-end tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

import requests

ROOT = Path(__file__).resolve().parents[1]
RASA = Path(sys.executable).with_name("rasa")
MODEL = ROOT / "models" / "assistant.tar.gz"
START_TIMEOUT_S = 240


UNLIMITED = {"ASSISTANT_RATE_PER_SENDER": "0", "ASSISTANT_RATE_PER_ADDRESS": "0"}


def sqlite_stores(path: Path) -> str:
    """Endpoints YAML for the ``make run`` default: the durable SQLite tracker store."""
    return (
        "tracker_store:\n  type: bot.stores.sql.DurableSQLTrackerStore\n"
        f"  dialect: sqlite\n  db: {path}\n"
    )


def make_run_setup(workdir: Path, workers: int = 2) -> Tuple[str, Dict[str, str]]:
    """Stores (endpoints YAML) and environment of ``make run``'s default, files in ``workdir``.

    Conversations and conversation locks in SQLite files, the channels' memory in a third,
    ``workers`` Sanic worker processes sharing them.
    """
    stores = sqlite_stores(workdir / "conversations.db") + (
        f"lock_store:\n  type: bot.stores.locks.SQLiteLockStore\n  db: {workdir / 'locks.db'}\n"
    )
    env = {"SANIC_WORKERS": str(workers), "CHANNEL_STATE_DB": str(workdir / "channel_state.db")}
    return stores, env


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, log: Path) -> None:
    """Poll ``url`` until it answers; fail with the log if the process dies or times out."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited early:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not come up in {START_TIMEOUT_S}s:\n{log.read_text()[-3000:]}")


API_TOKEN = "e2e-api-token"


@contextmanager
def running_assistant(
    workdir: Path,
    env: Optional[Dict[str, str]] = None,
    actions: str = "actions.actions",
    handles: Optional[Dict[str, object]] = None,
    stores: str = "",
) -> Iterator[str]:
    """Run the action server and the Rasa server; yield the Rasa server's base URL.

    The Rasa HTTP API is enabled with a token (``API_TOKEN``) so tests can read trackers.
    ``handles``, if given, receives the processes (action server, Rasa server) to stop early.
    ``stores`` is YAML added to the endpoints file (tracker and lock store; default in memory).
    """
    if not MODEL.exists():
        raise RuntimeError(f"no trained model at {MODEL}: run `make train` first")
    action_port, rasa_port = free_port(), free_port()
    workdir.mkdir(parents=True, exist_ok=True)
    endpoints = workdir / "endpoints.yml"
    endpoints.write_text(
        f'action_endpoint:\n  url: "http://127.0.0.1:{action_port}/webhook"\n{stores}',
        encoding="utf-8",
    )
    # The load comes from one address and a few senders: the fair-share limits are off
    # unless a caller sets them (the tests of the limits do).
    environment = {**os.environ, **UNLIMITED, **(env or {})}
    processes: List[subprocess.Popen] = []
    if handles is not None:
        handles["processes"] = processes
    try:
        action_log = workdir / "actions.log"

        def start_actions() -> subprocess.Popen:
            return subprocess.Popen(
                ["bash", str(ROOT / "scripts" / "actions.sh"), "--actions", actions]
                + ["--port", str(action_port)],
                cwd=ROOT,
                env=environment,
                stdout=action_log.open("a"),
                stderr=subprocess.STDOUT,
            )

        def restart_actions() -> None:
            processes[0] = start_actions()
            wait_until_up(f"http://127.0.0.1:{action_port}/health", processes[0], action_log)

        if handles is not None:
            handles["restart_actions"] = restart_actions
        processes.append(start_actions())
        rasa_log = workdir / "rasa.log"
        processes.append(
            subprocess.Popen(
                [
                    str(RASA),
                    "run",
                    "--model",
                    str(MODEL),
                    "--port",
                    str(rasa_port),
                    "--endpoints",
                    str(endpoints),
                    "--credentials",
                    str(ROOT / "credentials.yml"),
                    "--enable-api",
                    "--auth-token",
                    API_TOKEN,
                ],
                cwd=ROOT,
                env=environment,
                stdout=rasa_log.open("w"),
                stderr=subprocess.STDOUT,
            )
        )
        wait_until_up(f"http://127.0.0.1:{action_port}/health", processes[0], action_log)
        wait_until_up(f"http://127.0.0.1:{rasa_port}/", processes[1], rasa_log)
        yield f"http://127.0.0.1:{rasa_port}"
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def user_events(url: str, conversation: str) -> List[dict]:
    """The user messages the tracker store holds for ``conversation`` ("wechat:oAbc…")."""
    response = requests.get(
        f"{url}/conversations/{conversation}/tracker", params={"token": API_TOKEN}, timeout=10
    )
    response.raise_for_status()
    return [event for event in response.json().get("events", []) if event.get("event") == "user"]


def user_turns(url: str, conversation: str) -> int:
    """How many user messages the tracker store holds for ``conversation``."""
    return len(user_events(url, conversation))
