"""The event-type table answers as Rasa's own walk does, and installs only on Rasa 3.6.21."""

from __future__ import annotations

import logging
from typing import Any, Iterator

import pytest
import rasa
from rasa.shared.core.events import Event, SlotSet
from rasa.shared.utils.common import all_subclasses

import components.tokenizer  # noqa: F401  (installs the replacements)
from components import event_types


@pytest.fixture
def rasas_method() -> Iterator[Any]:
    """Rasa's own resolve_by_type (a staticmethod), the table put back afterwards."""
    event_types.uninstall()
    yield Event.__dict__[event_types.METHOD]
    event_types.install()


def test_importing_the_tokenizer_installs_the_table():
    assert Event.__dict__[event_types.METHOD].__func__ is event_types.resolve_by_type


def test_same_class_as_rasas_walk_for_every_event_type(rasas_method):
    own = rasas_method.__func__
    for name in {cls.type_name for cls in all_subclasses(Event)}:
        assert event_types.resolve_by_type(name) is own(name), name


def test_unknown_names_topic_and_default_as_rasa(rasas_method):
    own = rasas_method.__func__
    assert event_types.resolve_by_type("topic") is own("topic") is None
    assert event_types.resolve_by_type("nope", SlotSet) is own("nope", SlotSet) is SlotSet
    with pytest.raises(ValueError) as ours:
        event_types.resolve_by_type("nope")
    with pytest.raises(ValueError) as theirs:
        own("nope")
    assert str(ours.value) == str(theirs.value)


def test_an_event_class_defined_later_is_found():
    class LateEvent(SlotSet):  # concrete: Rasa skips abstract event classes
        type_name = "late_event_for_test"

    assert event_types.resolve_by_type("late_event_for_test") is LateEvent


def test_rasas_own_method_is_recognised(rasas_method):
    assert event_types.refusal(rasa.__version__, rasas_method.__func__) is None


def test_another_rasa_version_is_refused(rasas_method, monkeypatch, caplog):
    monkeypatch.setattr(rasa, "__version__", "3.7.0")
    with caplog.at_level(logging.WARNING, logger=event_types.__name__):
        assert event_types.install() is False
    assert Event.__dict__[event_types.METHOD] is rasas_method
    assert "not 3.6.x" in caplog.text


def test_another_source_is_refused(rasas_method, monkeypatch):
    monkeypatch.setattr(event_types, "ORIGINAL_SOURCE_SHA256", "0" * 64)
    assert event_types.install() is False
    assert Event.__dict__[event_types.METHOD] is rasas_method
