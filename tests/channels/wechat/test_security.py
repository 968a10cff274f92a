"""Signature, timestamp, replay and body checks."""

from __future__ import annotations

import asyncio

import pytest

from bot.channels.memory import LocalMemory, SQLiteMemory
from bot.channels.wechat.security import (
    Refused,
    ReplayGuard,
    check_body,
    check_signature,
    check_timestamp,
    utf8_text,
)
from harness.wechat_peer import TOKEN, sign


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


@pytest.mark.parametrize("timestamp", ["", None, "abc", "²", "1" * 5000, "-17", " 170", "١٧٠٠"])
def test_missing_or_malformed_timestamp_is_a_bad_request(timestamp):
    with pytest.raises(Refused) as refused:
        check_timestamp(timestamp, 300)
    assert refused.value.status == 400


def test_replayed_nonce_is_refused_and_new_ones_pass():
    guard = ReplayGuard(300)
    asyncio.run(guard.check("1700000000", "1"))
    asyncio.run(guard.check("1700000000", "2"))
    with pytest.raises(Refused, match="replayed"):
        asyncio.run(guard.check("1700000000", "1"))


@pytest.mark.parametrize("nonce", ["", None, "n" * 65, "a b", "١٢"])
def test_missing_or_malformed_nonce_is_a_bad_request(nonce):
    with pytest.raises(Refused) as refused:
        asyncio.run(ReplayGuard(300).check("1700000000", nonce))
    assert refused.value.status == 400


def test_replay_memory_forgets_after_twice_the_window():
    now = [0.0]
    guard = ReplayGuard(300, LocalMemory(clock=lambda: now[0]))
    asyncio.run(guard.check("1", "n"))
    now[0] = 599.0
    with pytest.raises(Refused, match="replayed"):
        asyncio.run(guard.check("1", "n"))
    now[0] = 601.0
    asyncio.run(guard.check("1", "n"))  # forgotten: the timestamp check refuses it by now


def test_a_replay_to_another_process_sharing_the_memory_is_refused(tmp_path):
    first = ReplayGuard(300, SQLiteMemory(tmp_path / "state.db"))
    second = ReplayGuard(300, SQLiteMemory(tmp_path / "state.db"))
    asyncio.run(first.check("1700000000", "abc"))
    with pytest.raises(Refused, match="replayed"):
        asyncio.run(second.check("1700000000", "abc"))


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"", 400),
        (b"   ", 400),
        (b"x" * (64 * 1024 + 1), 413),
    ],
)
def test_bad_bodies(body, status):
    with pytest.raises(Refused) as refused:
        check_body(body, 64 * 1024)
    assert refused.value.status == status


@pytest.mark.parametrize(
    "body",
    [
        "<xml/>".encode("utf-16"),
        "<xml/>".encode("utf-16-le"),  # valid UTF-8 bytes but NULs: expat refuses it later
        b"<xml>\xff</xml>",
        "<xml>é</xml>".encode("latin-1"),
    ],
)
def test_only_utf8_bodies_are_read(body):
    try:
        text = utf8_text(body)
    except Refused as refused:
        assert refused.status == 400
    else:
        assert "\x00" in text
