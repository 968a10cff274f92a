"""The fair-share windows: parsing the limits, sliding, forgetting old keys."""

from __future__ import annotations

import asyncio
from typing import List

import pytest

from bot.channels.fairness import FairShare, Rate, SlidingWindow, parse_rate
from bot.channels.memory import LocalMemory, SQLiteMemory


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("20/60", Rate(20, 60.0)),
        (" 5/1 ", Rate(5, 1.0)),
        ("0", None),
        ("x/60", Rate(7, 30.0)),
        ("-1/60", Rate(7, 30.0)),
        ("20/0", Rate(7, 30.0)),
        ("２０/60", Rate(7, 30.0)),
        ("", Rate(7, 30.0)),
    ],
)
def test_parse_rate(raw, expected):
    assert parse_rate(raw, "7/30") == expected


class Clock:
    """A clock the test moves."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def admits(window: SlidingWindow, *keys: str) -> List[bool]:
    async def scenario() -> List[bool]:
        return [await window.admit(key) for key in keys]

    return asyncio.run(scenario())


def test_window_admits_up_to_the_rate_then_slides():
    clock = Clock()
    window = SlidingWindow("sender", Rate(3, 60), clock=clock)
    assert admits(window, "a", "a", "a", "a", "b") == [True, True, True, False, True]
    clock.now = 59.9
    assert admits(window, "a") == [False]
    clock.now = 60.0
    assert admits(window, "a") == [True]


def test_refused_messages_do_not_extend_the_wait():
    clock = Clock()
    window = SlidingWindow("sender", Rate(1, 10), clock=clock)
    assert admits(window, "a") == [True]
    for second in range(1, 10):
        clock.now = second
        assert admits(window, "a") == [False]
    clock.now = 10
    assert admits(window, "a") == [True]


def test_keys_are_bounded_in_this_process():
    memory = LocalMemory(max_keys=3)
    window = SlidingWindow("sender", Rate(1, 60), memory)
    assert admits(window, "a", "b", "c", "d") == [True] * 4
    assert len(memory._items) == 3
    assert admits(window, "a") == [True]  # the oldest key was forgotten


def test_workers_sharing_the_memory_file_count_together(tmp_path):
    first = SlidingWindow("sender", Rate(3, 60), SQLiteMemory(tmp_path / "state.db"))
    second = SlidingWindow("sender", Rate(3, 60), SQLiteMemory(tmp_path / "state.db"))
    assert admits(first, "a", "a") == [True, True]
    assert admits(second, "a", "a") == [True, False]


def test_a_window_that_cannot_be_counted_admits(tmp_path):
    memory = SQLiteMemory(tmp_path / "state.db")
    window = SlidingWindow("sender", Rate(1, 60), memory)
    assert admits(window, "a", "a") == [True, False]
    memory._local.connection.execute("DROP TABLE memory")  # the file no longer answers
    assert admits(window, "a", "a") == [True, True]


def test_limits_from_the_environment(monkeypatch):
    monkeypatch.setenv("ASSISTANT_RATE_PER_SENDER", "2/60")
    monkeypatch.setenv("ASSISTANT_RATE_PER_ADDRESS", "0")
    monkeypatch.delenv("CHANNEL_STATE_DB", raising=False)
    monkeypatch.delenv("WECHAT_REDIS_URL", raising=False)
    share = FairShare.from_environment()

    async def scenario() -> None:
        assert [await share.sender_admitted("rest:a") for _ in range(3)] == [True, True, False]
        assert all([await share.address_admitted("10.0.0.1") for _ in range(1000)])

    asyncio.run(scenario())


def test_defaults_limit_senders_and_not_addresses(monkeypatch):
    monkeypatch.delenv("ASSISTANT_RATE_PER_SENDER", raising=False)
    monkeypatch.delenv("ASSISTANT_RATE_PER_ADDRESS", raising=False)
    share = FairShare.from_environment()
    assert share.addresses is None
    assert share.senders is not None and share.senders.rate == Rate(20, 60.0)
