"""Signature, timestamp, replay and body checks."""

from __future__ import annotations

import pytest

from bot.channels.wechat.security import (
    Refused,
    ReplayGuard,
    check_body,
    check_signature,
    check_timestamp,
)
from tests.channels.wechat.peer import TOKEN, sign


def test_valid_signature_passes():
    check_signature(TOKEN, sign(TOKEN, "1700000000", "42"), "1700000000", "42")


@pytest.mark.parametrize("signature", ["", None, "0" * 40, sign("other", "1700000000", "42")])
def test_forged_signature_is_refused(signature):
    with pytest.raises(Refused) as refused:
        check_signature(TOKEN, signature, "1700000000", "42")
    assert refused.value.status == 403


@pytest.mark.parametrize(
    ("offset", "ok"), [(0, True), (299, True), (-299, True), (301, False), (-301, False)]
)
def test_timestamp_window(offset, ok):
    now = 1_700_000_000
    if ok:
        check_timestamp(str(now + offset), 300, now=now)
    else:
        with pytest.raises(Refused, match="stale"):
            check_timestamp(str(now + offset), 300, now=now)


@pytest.mark.parametrize("timestamp", ["", None, "abc"])
def test_missing_timestamp_is_a_bad_request(timestamp):
    with pytest.raises(Refused) as refused:
        check_timestamp(timestamp, 300)
    assert refused.value.status == 400


def test_replayed_nonce_is_refused_and_new_ones_pass():
    guard = ReplayGuard(300)
    guard.check("1700000000", "1", now=1_700_000_000)
    guard.check("1700000000", "2", now=1_700_000_000)
    with pytest.raises(Refused, match="replayed"):
        guard.check("1700000000", "1", now=1_700_000_001)


def test_replay_memory_forgets_after_the_window():
    guard = ReplayGuard(300)
    guard.check("1", "n", now=0)
    guard.check("2", "m", now=10_000)  # the old pair is dropped, memory stays small
    assert len(guard._seen) == 1


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"", 400),
        (b"   ", 400),
        (b"x" * (64 * 1024 + 1), 413),
        (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><xml/>', 400),
        (b"<!doctype xml SYSTEM 'file:///etc/passwd'><xml/>", 400),
        (b"<xml><!ENTITY x SYSTEM 'file:///etc/passwd'></xml>", 400),
    ],
)
def test_bad_bodies(body, status):
    with pytest.raises(Refused) as refused:
        check_body(body, 64 * 1024)
    assert refused.value.status == status
