"""``python -m bench.report_scale``: the operator report on a store of realistic size.

Plays conversations from the benchmark's generator through the running assistant into an
SQLite store, copies them (new sender ids, spread over seven days) into scratch stores of
1,000 and 10,000 conversations, and runs ``python -m bot.report`` on each: wall time and
the report process's peak memory. Writes its section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Optional

import sqlalchemy as sa

from bench.conversations import assistant_conversations
from bench.loadgen import run_load
from bench.sections import REPORT_HEADING, table, write_section
from bot.knowledge.loader import default_knowledge
from harness.servers import ROOT, running_assistant, sqlite_stores

COLUMNS = "sender_id, type_name, timestamp, intent_name, action_name, data"
SPREAD_S = 7 * 86400


def played_store(workdir: Path, seconds: float) -> Path:
    """An SQLite store filled by 4 users playing the generator's conversations."""
    db = workdir / "played.db"
    conversations = assistant_conversations(default_knowledge())
    with running_assistant(workdir / "assistant", stores=sqlite_stores(db)) as url:
        asyncio.run(run_load("fill", url, conversations, 4, seconds, progress=False))
    return db


def copied_store(played: Path, target: Path, conversations: int) -> int:
    """``target`` holding ``conversations`` copies of the played ones; returns the event count."""
    source = sa.create_engine(f"sqlite:///{played}")
    with source.connect() as connection:
        rows = connection.exec_driver_sql(f"SELECT {COLUMNS} FROM events ORDER BY id").fetchall()
    source.dispose()
    by_sender: Dict[str, list] = {}
    for row in rows:
        by_sender.setdefault(row[0], []).append(row)
    originals = list(by_sender.values())
    engine = sa.create_engine(f"sqlite:///{target}")
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255), "
            "type_name VARCHAR(255), timestamp FLOAT, intent_name VARCHAR(255), "
            "action_name VARCHAR(255), data TEXT)"
        )
        insert = sa.text(
            "INSERT INTO events (sender_id, type_name, timestamp, intent_name, action_name, data) "
            "VALUES (:sender, :type, :at, :intent, :action, :data)"
        )
        events = 0
        start = time.time() - SPREAD_S
        for number in range(conversations):
            original = originals[number % len(originals)]
            shift = start + SPREAD_S * number / conversations - original[0][2]
            batch = []
            for _, kind, at, intent, action, data in original:
                event = json.loads(data)
                event["timestamp"] = at + shift
                batch.append(
                    {
                        "sender": f"copy-{number}",
                        "type": kind,
                        "at": at + shift,
                        "intent": intent,
                        "action": action,
                        "data": json.dumps(event),
                    }
                )
            connection.execute(insert, batch)
            events += len(batch)
    engine.dispose()
    return events


def timed_report(db: Path, out: Path) -> Dict[str, float]:
    """Run the report on ``db`` in a child process: seconds and its peak RSS in MB."""
    endpoints = out.parent / f"{db.stem}.endpoints.yml"
    endpoints.write_text(sqlite_stores(db), encoding="utf-8")
    script = (
        "import resource, runpy, sys; sys.argv = sys.argv[1:]\n"
        "try:\n    runpy.run_module('bot.report', run_name='__main__')\n"
        "finally:\n"
        "    print('PEAK_KB', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)"
    )
    started = time.perf_counter()
    finished = subprocess.run(
        [sys.executable, "-c", script, "bot.report", "--endpoints", str(endpoints)]
        + ["--since", "8d", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if finished.returncode != 0:
        raise RuntimeError(finished.stderr[-2000:])
    peak_kb = int(finished.stderr.rsplit("PEAK_KB", 1)[1].split()[0])
    return {"seconds": seconds, "peak_mb": peak_kb / 1024, "printed": finished.stdout.strip()}


def screenshot(page: Path, target: Path) -> None:
    """A picture of the report page (headless Chromium) for the README."""
    import shutil

    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        try:
            tab = browser.new_page(viewport={"width": 1000, "height": 1250})
            tab.goto(page.as_uri())
            tab.screenshot(path=str(target))
        finally:
            browser.close()


def main(argv: Optional[List[str]] = None) -> int:
    """Measure; write the section of docs/benchmarks.md."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--fill-seconds", type=float, default=20.0)
    parser.add_argument(
        "--screenshot", type=Path, default=ROOT / "docs" / "report.png", help="of the first size"
    )
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="uia-report-") as tmp:
        workdir = Path(tmp)
        played = played_store(workdir, args.fill_seconds)
        with sa.create_engine(f"sqlite:///{played}").connect() as connection:
            seeds = connection.exec_driver_sql(
                "SELECT count(DISTINCT sender_id) FROM events"
            ).scalar()
        for size in args.sizes:
            db = workdir / f"copies-{size}.db"
            events = copied_store(played, db, size)
            measured = timed_report(db, workdir / f"out-{size}")
            rows.append(
                {
                    "conversations": f"{size:,}",
                    "events": f"{events:,}",
                    "store MB": f"{db.stat().st_size / 2**20:.0f}",
                    "report s": f"{measured['seconds']:.1f}",
                    "peak RSS MB": f"{measured['peak_mb']:.0f}",
                }
            )
            print(measured["printed"])
            if size == args.sizes[0] and args.screenshot:
                screenshot(workdir / f"out-{size}" / "report.html", args.screenshot)
    text = f"""{REPORT_HEADING}

Produced by `python -m bench.report_scale` (part of `make bench`) on {time.strftime("%Y-%m-%d")}.

{seeds} conversations played through the assistant (the load generator's conversations, 4
users, SQLite store) were copied under new sender ids and spread over seven days into
scratch stores; `python -m bot.report --since 8d` then read each one. Time is the report
process's wall time, start-up (about 3 s of imports) included; memory is its peak resident
set. The store is read in one streamed query, one conversation at a time.

{table(rows)}
"""
    write_section(REPORT_HEADING, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
