"""The start-up check names unreachable stores within seconds."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from bot.stores.preflight import check_endpoints
from harness.servers import free_port

ROOT = Path(__file__).resolve().parents[2]


def write_endpoints(tmp_path: Path, pg_port: int, redis_port: int) -> Path:
    path = tmp_path / "endpoints.yml"
    path.write_text(
        "tracker_store:\n  type: bot.stores.sql.DurableSQLTrackerStore\n  dialect: postgresql\n"
        f"  url: 127.0.0.1\n  port: {pg_port}\n  db: a\n  username: u\n  password: p\n"
        f"lock_store:\n  type: redis\n  url: 127.0.0.1\n  port: {redis_port}\n",
        encoding="utf-8",
    )
    return path


def test_both_unreachable_stores_are_named(tmp_path):
    path = write_endpoints(tmp_path, free_port(), free_port())
    started = time.monotonic()
    problems = check_endpoints(str(path), f"redis://127.0.0.1:{free_port()}/2")
    assert time.monotonic() - started < 20
    assert [p.split(" at ")[0].split(" within ")[0] for p in problems] == [
        "cannot reach the tracker store",
        "cannot reach the lock store",
        "cannot reach the WeChat channel Redis",
    ]


def test_command_exits_non_zero_with_a_message(tmp_path):
    path = write_endpoints(tmp_path, free_port(), free_port())
    result = subprocess.run(
        [sys.executable, "-m", "bot.stores.preflight", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "error: cannot reach the tracker store" in result.stderr


def test_default_sqlite_endpoints_pass():
    assert check_endpoints(str(ROOT / "endpoints.yml")) == []
