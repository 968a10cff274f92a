"""Server-issued web chat sessions: only genuine tokens name a conversation."""

from __future__ import annotations

import os
import stat

import pytest

from bot.channels.webchat.sessions import SessionIssuer, load_secret

SECRET = b"0123456789abcdef0123456789abcdef"


def test_issued_tokens_are_genuine_and_distinct():
    issuer = SessionIssuer(SECRET)
    first, second = issuer.issue(), issuer.issue()
    assert first != second
    assert issuer.session_of(first) and issuer.session_of(first) != issuer.session_of(second)
    assert len(first) <= 64


def test_tokens_of_another_secret_are_refused():
    token = SessionIssuer(b"another secret of sixteen bytes+").issue()
    assert SessionIssuer(SECRET).session_of(token) is None


@pytest.mark.parametrize(
    "token",
    [None, 42, "", ".", "abc", "abc.", ".abc", "web-lx2k-abcdef", "o" * 28, "é.é", "a" * 5000],
)
def test_made_up_tokens_are_refused(token):
    assert SessionIssuer(SECRET).session_of(token) is None


def test_a_changed_id_with_its_old_signature_is_refused():
    issuer = SessionIssuer(SECRET)
    session_id, _, signature = issuer.issue().partition(".")
    forged = ("A" if session_id[0] != "A" else "B") + session_id[1:] + "." + signature
    assert issuer.session_of(forged) is None


def test_short_secrets_are_rejected():
    with pytest.raises(ValueError):
        SessionIssuer(b"short")


def test_secret_from_the_environment_wins(tmp_path):
    assert load_secret({"WEBCHAT_SECRET": "s" * 20}, tmp_path / "key") == b"s" * 20
    assert not (tmp_path / "key").exists()


def test_key_file_is_made_once_and_private(tmp_path):
    key_file = tmp_path / "var" / "webchat.key"
    first = load_secret({}, key_file)
    assert load_secret({}, key_file) == first and len(first) == 32
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    assert [p.name for p in key_file.parent.iterdir()] == ["webchat.key"]
