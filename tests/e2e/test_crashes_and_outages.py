"""A server killed mid-turn, and a database down: what the user gets, what is stored, recovery.

The scenarios live in ``harness/resilience.py`` (``python -m bench.resilience`` reports
them in docs/benchmarks.md); these tests hold them to exact expectations.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from harness.resilience import (
    in_database,
    server_killed_mid_turn,
    store_down_and_back,
    unavailable_text,
)
from harness.servers import make_run_setup
from harness.services import postgres_available, postgres_server, postgres_stores

BEFORE_AND_AFTER = ["宁波失业金能领多久，交了两年", "每月多少钱"]


def sqlite_engine(folder) -> sa.engine.Engine:
    return sa.create_engine(f"sqlite:///{folder / 'conversations.db'}")


def test_sqlite_server_killed_mid_turn_restarts_with_the_conversation(tmp_path):
    stores, files = make_run_setup(tmp_path / "files", workers=1)
    outcome = server_killed_mid_turn(tmp_path, stores, files, sqlite_engine(tmp_path / "files"))
    assert outcome.during == ""  # the request died with the server: the kill was mid-turn
    assert "1395" in outcome.answer  # 宁波, told before the crash, is still known
    assert outcome.stored == BEFORE_AND_AFTER  # the killed turn left nothing, not half a turn


@pytest.mark.skipif(not postgres_available(), reason="PostgreSQL 15 missing (make services)")
def test_postgres_server_killed_mid_turn_and_the_database_down_and_back(tmp_path):
    downs = []
    with postgres_server() as pg:
        stores = postgres_stores(pg)
        engine = sa.create_engine(f"postgresql://{pg['user']}@{pg['host']}:{pg['port']}/{pg['db']}")

        def database_down(url: str) -> None:
            stored = in_database(engine)
            downs.append(store_down_and_back(url, pg["stop"], pg["start"], stored, "PostgreSQL"))

        crashed = server_killed_mid_turn(tmp_path, stores, {}, engine, then=database_down)
        engine.dispose()
    assert crashed.during == "" and "1395" in crashed.answer
    assert crashed.stored == BEFORE_AND_AFTER
    (down,) = downs
    assert down.during == unavailable_text()  # the exact apology, not some other 抱歉
    assert "5个月" in down.answer  # back by itself, the region still known
    assert down.stored == ["宁波每月失业金多少", "交了3年能领几个月"]  # nothing of the outage
