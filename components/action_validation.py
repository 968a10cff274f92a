"""Check action-server replies with one prepared JSON-schema validator instead of one per turn.

Rasa 3.6's ``RemoteAction._validate_action_result`` calls ``jsonschema.validate``, which first
checks Rasa's response schema against the JSON-schema meta-schema and builds a new validator, on
every custom-action call. Profiled under load (py-spy, 20 users), that meta-schema check was
about 60 % of the Rasa server's CPU time per turn. ``install`` replaces the method with one that
does the same check of the reply, with the same error message, through a validator that is
built (and its schema checked) once.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict

from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL

_ORIGINAL = RemoteAction._validate_action_result
_FAILURE_HINT = (
    ". Failed to validate Action server response from API, make sure your response from the "
    "Action endpoint is valid. For more information about the format visit "
    f"{DOCS_BASE_URL}/custom-actions"
)


@lru_cache(maxsize=1)
def response_validator() -> Any:
    """The validator of Rasa's action-response schema, its schema checked once."""
    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def validate_action_result(self: RemoteAction, result: Dict[str, Any]) -> bool:
    """What ``RemoteAction._validate_action_result`` checks, with the prepared validator.

    Raises:
        jsonschema.ValidationError: the reply does not match Rasa's action-response schema.

    """
    error = best_match(response_validator().iter_errors(result))
    if error is not None:
        error.message += _FAILURE_HINT
        raise error
    return True


def install() -> None:
    """Use the prepared validator for every remote action of this process (idempotent)."""
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]


def uninstall() -> None:
    """Restore Rasa's own method (for comparisons in tests and benchmarks)."""
    RemoteAction._validate_action_result = _ORIGINAL  # type: ignore[method-assign]
