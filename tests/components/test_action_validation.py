"""The prepared action-reply validator: installed by the components package, same verdicts as Rasa's."""

from __future__ import annotations

from typing import Any, Dict, Iterator

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

import components  # noqa: F401  (installs the prepared validator)
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


def test_importing_the_components_installs_the_prepared_validator() -> None:
    assert RemoteAction._validate_action_result is action_validation.validate_action_result


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
