"""The fair-share windows: parsing the limits, sliding, forgetting old keys."""

from __future__ import annotations

import pytest

from bot.channels import fairness
from bot.channels.fairness import FairShare, Rate, SlidingWindow, parse_rate


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


def test_window_admits_up_to_the_rate_then_slides():
    clock = Clock()
    window = SlidingWindow(Rate(3, 60), clock)
    assert [window.admit("a") for _ in range(4)] == [True, True, True, False]
    assert window.admit("b")
    clock.now = 59.9
    assert not window.admit("a")
    clock.now = 60.0
    assert window.admit("a")


def test_refused_messages_do_not_extend_the_wait():
    clock = Clock()
    window = SlidingWindow(Rate(1, 10), clock)
    assert window.admit("a")
    for second in range(1, 10):
        clock.now = second
        assert not window.admit("a")
    clock.now = 10
    assert window.admit("a")


def test_keys_are_bounded(monkeypatch):
    monkeypatch.setattr(fairness, "MAX_KEYS", 3)
    window = SlidingWindow(Rate(1, 60), Clock())
    for key in "abcd":
        window.admit(key)
    assert list(window.seen) == ["b", "c", "d"]
    assert window.admit("a")


def test_limits_from_the_environment(monkeypatch):
    monkeypatch.setenv("ASSISTANT_RATE_PER_SENDER", "2/60")
    monkeypatch.setenv("ASSISTANT_RATE_PER_ADDRESS", "0")
    share = FairShare.from_environment()
    assert [share.sender_admitted("rest:a") for _ in range(3)] == [True, True, False]
    assert all(share.address_admitted("10.0.0.1") for _ in range(1000))


def test_defaults_limit_senders_and_not_addresses(monkeypatch):
    monkeypatch.delenv("ASSISTANT_RATE_PER_SENDER", raising=False)
    monkeypatch.delenv("ASSISTANT_RATE_PER_ADDRESS", raising=False)
    share = FairShare.from_environment()
    assert share.addresses is None
    assert share.senders is not None and share.senders.rate == Rate(20, 60.0)
