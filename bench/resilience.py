"""``python -m bench.resilience``: crashes and outages, measured; a section of docs/benchmarks.md.

Plays the scenarios of ``harness/resilience.py`` on the ``make run`` default (SQLite files)
and on the scale-out stack (private PostgreSQL and Redis servers): what the user got while
the failure lasted, how long until the next whole answer, and whether the tracker store
holds exactly the turns that were answered.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Optional

import sqlalchemy as sa

from bench.sections import RESILIENCE_HEADING, table, write_section
from harness.resilience import (
    SLOW_ACTIONS,
    Outcome,
    in_database,
    server_killed_mid_turn,
    store_down_and_back,
    unavailable_text,
    wechat_claim_taken_over,
)
from harness.servers import make_run_setup, running_assistant
from harness.services import (
    SCALE_LOCK_LIFETIME,
    postgres_server,
    postgres_stores,
    redis_locks,
    redis_server,
)
from harness.wechat_peer import plain_env


def _row(setup: str, outcome: Outcome, expected_stored: Optional[List[str]]) -> Dict[str, str]:
    during = outcome.during
    if during == unavailable_text():
        during = "`utter_service_unavailable`"
    elif not during:
        during = "(request cut off with the server)"
    stored = "–"
    if expected_stored is not None:
        stored = (
            "exactly the answered turns"
            if outcome.stored == expected_stored
            else (f"unexpected: {outcome.stored}")
        )
    return {
        "set-up": setup,
        "scenario": outcome.scenario,
        "the user got meanwhile": during,
        "next whole answer after": f"{outcome.recovered_s:.1f} s",
        "answer": outcome.answer.splitlines()[0][:40] if outcome.answer else "(none)",
        "store": stored,
    }


def main() -> int:
    """Run every scenario; write the section."""
    rows: List[Dict[str, str]] = []
    answered = ["宁波失业金能领多久，交了两年", "每月多少钱"]
    outage = ["宁波每月失业金多少", "交了3年能领几个月"]
    with tempfile.TemporaryDirectory(prefix="uia-resilience-") as tmp:
        work = Path(tmp)
        stores, files = make_run_setup(work / "files", workers=1)
        engine = sa.create_engine(f"sqlite:///{work / 'files' / 'conversations.db'}")
        rows.append(
            _row(
                "SQLite files", server_killed_mid_turn(work / "k", stores, files, engine), answered
            )
        )
        handles: Dict[str, object] = {}
        env = plain_env(**files)
        with running_assistant(
            work / "a", env=env, stores=stores, actions=SLOW_ACTIONS, handles=handles
        ) as a:

            def stop_actions() -> None:
                handles["processes"][0].terminate()
                handles["processes"][0].wait(timeout=30)

            outcome = store_down_and_back(
                a, stop_actions, handles["restart_actions"], in_database(engine), "action server"
            )
            rows.append(_row("SQLite files", outcome, outage))
            with running_assistant(work / "b", env=env, stores=stores, actions=SLOW_ACTIONS) as b:
                outcome = wechat_claim_taken_over(a, b, handles["processes"][1], engine)
                rows.append(_row("SQLite files", outcome, ["慢慢说，宁波每月失业金多少"]))
        engine.dispose()
        with postgres_server() as pg, redis_server(work) as red:
            stores = postgres_stores(pg) + redis_locks(red.port)
            engine = sa.create_engine(
                f"postgresql://{pg['user']}@{pg['host']}:{pg['port']}/{pg['db']}"
            )
            env = {"WECHAT_REDIS_URL": f"redis://127.0.0.1:{red.port}/2", **SCALE_LOCK_LIFETIME}
            rows.append(
                _row(
                    "PostgreSQL + Redis",
                    server_killed_mid_turn(work / "pk", stores, env, engine),
                    answered,
                )
            )
            with running_assistant(work / "ps", env=env, stores=stores) as url:
                for label, stop, start in (
                    ("PostgreSQL", pg["stop"], pg["start"]),
                    ("Redis", red.kill, red.start),
                ):
                    outcome = store_down_and_back(url, stop, start, in_database(engine), label)
                    rows.append(_row("PostgreSQL + Redis", outcome, outage))
            engine.dispose()
    text = f"""{RESILIENCE_HEADING}

Produced by `python -m bench.resilience` (part of `make bench`) on {time.strftime("%Y-%m-%d")};
the same scenarios are tests (`tests/e2e/test_crashes_and_outages.py`, `test_scale.py`,
`test_robustness.py`) with exact expectations. A kill is SIGKILL one second into a turn
slowed to three seconds; “next whole answer after” counts from the kill (restart and model
loading included) or from the moment the stopped service is back. “Store” compares the
conversation's stored user messages with the ones that were answered.

{table(rows)}
"""
    write_section(RESILIENCE_HEADING, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
