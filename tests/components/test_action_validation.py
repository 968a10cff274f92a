"""The prepared action-reply validator: installed by the tokenizer's module, same verdicts as
Rasa's; refused, with Rasa left alone, for another Rasa or a method already replaced."""

from __future__ import annotations

import functools
import importlib
import logging
from typing import Any, Dict, Iterator

import jsonschema
import pytest
import rasa
from rasa.core.actions.action import RemoteAction

import components.tokenizer  # installs the prepared validator
from components import action_validation

VALID = [
    {},
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "topic", "value": "documents"}]},
    {"responses": [{"response": "utter_documents", "region": "宁波"}]},
    {
        "events": [{"event": "bot", "text": "你好]]>", "timestamp": None}],
        "responses": [{"text": "多段\n\n回复"}],
    },
]
INVALID = [
    {"events": [{"name": "topic"}]},
    {"events": [{"event": "not_an_event"}]},
    {"events": "slot"},
    {"responses": ["utter_documents"]},
    {"responses": {"text": "hi"}},
    [],
]


@pytest.fixture
def action() -> RemoteAction:
    """A remote action with no endpoint (only its reply check is used)."""
    return RemoteAction("action_answer", None)


@pytest.fixture
def stock_check() -> Iterator[None]:
    """Rasa's own method for the duration of a test, then the prepared one again."""
    action_validation.uninstall()
    try:
        yield
    finally:
        action_validation.install()


@pytest.fixture
def rasas_method() -> Iterator[Any]:
    """Rasa's own method in place for a test; whatever was there before is put back after."""
    before = RemoteAction.__dict__[action_validation.METHOD]
    action_validation.uninstall()
    original = RemoteAction.__dict__[action_validation.METHOD]
    try:
        yield original
    finally:
        setattr(RemoteAction, action_validation.METHOD, before)


def test_importing_the_tokenizer_installs_the_prepared_validator() -> None:
    assert RemoteAction._validate_action_result is action_validation.validate_action_result


def test_importing_the_package_alone_changes_nothing(rasas_method: Any) -> None:
    importlib.reload(components)
    assert RemoteAction.__dict__[action_validation.METHOD] is rasas_method


def test_rasas_own_method_is_recognised(rasas_method: Any) -> None:
    assert action_validation.is_original(rasas_method)
    assert action_validation.refusal(rasa.__version__, rasas_method) is None


def test_install_is_idempotent() -> None:
    action_validation.install()
    action_validation.install()
    assert RemoteAction._validate_action_result is action_validation.validate_action_result


@pytest.mark.parametrize("reply", VALID)
def test_valid_replies_pass(action: RemoteAction, reply: Dict[str, Any]) -> None:
    assert action._validate_action_result(reply) is True


@pytest.mark.parametrize("reply", INVALID)
def test_invalid_replies_fail_with_rasas_hint(action: RemoteAction, reply: Any) -> None:
    with pytest.raises(jsonschema.ValidationError, match="Failed to validate Action server"):
        action._validate_action_result(reply)


@pytest.mark.parametrize("reply", VALID + INVALID)
def test_same_verdict_and_message_as_rasas_own_check(
    action: RemoteAction, stock_check: None, reply: Any
) -> None:
    def verdict() -> str:
        try:
            action._validate_action_result(reply)
        except jsonschema.ValidationError as error:
            return error.message
        return "valid"

    stock = verdict()
    action_validation.install()
    assert verdict() == stock


@pytest.mark.parametrize("version", ["3.7.0", "3.5.17", "4.0.0", "3.60.1", "unknown"])
def test_another_rasa_version_is_refused(
    rasas_method: Any,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    version: str,
) -> None:
    monkeypatch.setattr(rasa, "__version__", version)
    with caplog.at_level(logging.WARNING, logger=action_validation.__name__):
        assert action_validation.install() is False
    assert RemoteAction.__dict__[action_validation.METHOD] is rasas_method
    assert f"Rasa {version} is not 3.6.x" in caplog.text


def _someone_elses(self: RemoteAction, result: Dict[str, Any]) -> bool:
    return True


def _wrapper_of(method: Any) -> Any:
    @functools.wraps(method)
    def wrapper(self: RemoteAction, result: Dict[str, Any]) -> bool:
        return method(self, result)

    return wrapper


@pytest.mark.parametrize("replace", [lambda m: _someone_elses, _wrapper_of, staticmethod])
def test_an_already_replaced_method_is_refused(
    rasas_method: Any, caplog: pytest.LogCaptureFixture, replace: Any
) -> None:
    replaced = replace(rasas_method)
    setattr(RemoteAction, action_validation.METHOD, replaced)
    with caplog.at_level(logging.WARNING, logger=action_validation.__name__):
        assert action_validation.install() is False
    assert RemoteAction.__dict__[action_validation.METHOD] is replaced
    assert "is not the one Rasa 3.6.21 ships" in caplog.text
    action_validation.uninstall()
    assert RemoteAction.__dict__[action_validation.METHOD] is replaced


def test_another_source_is_refused(rasas_method: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(action_validation, "ORIGINAL_SOURCE_SHA256", "0" * 64)
    assert action_validation.install() is False
    assert RemoteAction.__dict__[action_validation.METHOD] is rasas_method
