"""The report's command line: the period, and a clear refusal of stores it cannot read."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.report.__main__ import main, since_time
from bot.stores.location import store_url

NOW = dt.datetime(2026, 11, 27, 12, tzinfo=dt.timezone.utc)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("7d", dt.datetime(2026, 11, 20, 12, tzinfo=dt.timezone.utc)),
        ("12h", dt.datetime(2026, 11, 27, 0, tzinfo=dt.timezone.utc)),
        ("2026-11-01", dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc)),
    ],
)
def test_the_period_starts_where_asked(text, expected):
    assert since_time(text, NOW) == expected


@pytest.mark.parametrize(
    "store, message",
    [
        ("tracker_store:\n  type: redis\n  url: localhost\n", "found redis"),
        ("action_endpoint:\n  url: http://localhost:5055/webhook\n", "found none"),
    ],
)
def test_stores_other_than_sql_are_refused_clearly(tmp_path, capsys, store, message):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(store, encoding="utf-8")
    assert main(["--endpoints", str(endpoints), "--out", str(tmp_path / "out")]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_a_bad_period_is_refused(tmp_path, capsys):
    assert main(["--since", "last week", "--out", str(tmp_path / "out")]) == 2
    assert "7d, 12h or YYYY-MM-DD" in capsys.readouterr().err


def test_postgres_settings_come_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("PG_PASSWORD_FOR_TEST", "s3cret")
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(
        "tracker_store:\n  type: bot.stores.sql.DurableSQLTrackerStore\n  dialect: postgresql\n"
        "  url: db.internal\n  port: 5433\n  db: assistant\n  username: uia\n"
        "  password: ${PG_PASSWORD_FOR_TEST}\n",
        encoding="utf-8",
    )
    url = store_url(endpoints)
    assert (url.host, url.port, url.database, url.username, url.password) == (
        "db.internal",
        5433,
        "assistant",
        "uia",
        "s3cret",
    )
