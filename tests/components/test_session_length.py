"""The session length limit: counting a session's turns, and a guarded install."""

from __future__ import annotations

import logging
from typing import Any, Iterator

import pytest
import rasa
from rasa.core.processor import MessageProcessor
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

import components.tokenizer  # noqa: F401  (installs the replacements)
from components import session_length


@pytest.fixture
def rasas_method() -> Iterator[Any]:
    """Rasa's own expiry check, with the replacement put back afterwards."""
    session_length.uninstall()
    yield MessageProcessor.__dict__[session_length.METHOD]
    session_length.install()


def tracker_with(*events) -> DialogueStateTracker:
    return DialogueStateTracker.from_events("t", list(events), slots=Domain.empty().slots)


def test_turns_are_counted_from_the_latest_session_start():
    tracker = tracker_with(
        UserUttered("a"),
        UserUttered("b"),
        SessionStarted(),
        SlotSet("x", 1),
        ActionExecuted("action_listen"),
        UserUttered("c"),
    )
    assert session_length.turns_in_session(tracker) == 1
    assert session_length.turns_in_session(tracker_with(UserUttered("a"), UserUttered("b"))) == 2


@pytest.mark.parametrize(
    ("raw", "turns"), [("", 20), ("5", 5), ("0", 0), ("x", 20), ("-3", 20), ("9999999", 20)]
)
def test_turns_setting(monkeypatch, raw, turns):
    monkeypatch.setenv("ASSISTANT_SESSION_TURNS", raw)
    assert session_length.session_turns() == turns


def test_importing_the_tokenizer_installs_the_limit():
    assert MessageProcessor._has_session_expired is session_length.has_session_expired


def test_rasas_own_method_is_recognised(rasas_method):
    assert session_length.refusal(rasa.__version__, rasas_method) is None


def test_another_rasa_version_is_refused(rasas_method, monkeypatch, caplog):
    monkeypatch.setattr(rasa, "__version__", "3.7.0")
    with caplog.at_level(logging.WARNING, logger=session_length.__name__):
        assert session_length.install() is False
    assert MessageProcessor.__dict__[session_length.METHOD] is rasas_method
    assert "not 3.6.x" in caplog.text


def test_another_source_is_refused(rasas_method, monkeypatch):
    monkeypatch.setattr(session_length, "ORIGINAL_SOURCE_SHA256", "0" * 64)
    assert session_length.install() is False
    assert MessageProcessor.__dict__[session_length.METHOD] is rasas_method
