"""Check action-server replies with one prepared JSON-schema validator instead of one per turn.

Rasa 3.6's ``RemoteAction._validate_action_result`` calls ``jsonschema.validate``, which first
checks Rasa's response schema against the JSON-schema meta-schema and builds a new validator, on
every custom-action call. Profiled under load (py-spy, 20 users), that meta-schema check was
about 60 % of the Rasa server's CPU time per turn. ``install`` replaces the method with one that
does the same check of the reply, with the same error message, through a validator that is
built (and its schema checked) once.

``install`` refuses (logs a warning, leaves Rasa alone) unless Rasa is 3.6.x and the method is
still the one Rasa 3.6.21 ships: the replacement is only known to be equivalent to that one.
It is called from one place, ``components.tokenizer`` (see there why).
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any, Callable, Dict, Optional

import rasa
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL

from components import patching

logger = logging.getLogger(__name__)

METHOD = "_validate_action_result"
ORIGINAL_NAME = ("rasa.core.actions.action", f"RemoteAction.{METHOD}")
# SHA-256 of the method's source as Rasa 3.6.21 ships it (``inspect.getsource``).
ORIGINAL_SOURCE_SHA256 = "f8cdb4be6812396167ced74161b2ccd65c5ea676ad86d7d359d8c322d9d8dc42"
_FAILURE_HINT = (
    ". Failed to validate Action server response from API, make sure your response from the "
    "Action endpoint is valid. For more information about the format visit "
    f"{DOCS_BASE_URL}/custom-actions"
)
# Rasa's own method, kept by ``install`` for ``uninstall``.
_replaced: Optional[Callable[..., bool]] = None


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


def refusal(version: str, method: Any) -> Optional[str]:
    """Why ``method`` of Rasa ``version`` must not be replaced; None when it may be."""
    return patching.refusal(version, method, ORIGINAL_NAME, ORIGINAL_SOURCE_SHA256)


def is_original(method: Any) -> bool:
    """Whether ``method`` is Rasa 3.6.21's own: its name, module and source (not a wrapper's)."""
    return patching.is_original(method, ORIGINAL_NAME, ORIGINAL_SOURCE_SHA256)


def install() -> bool:
    """Use the prepared validator for every remote action of this process (idempotent).

    Returns whether it is in use; when Rasa is not the expected one, logs why and changes nothing.
    """
    global _replaced
    current = RemoteAction.__dict__.get(METHOD)
    if current is validate_action_result:
        return True
    reason = refusal(rasa.__version__, current)
    if reason is not None:
        logger.warning(
            "prepared action-reply validator not installed (%s): Rasa's own check stays", reason
        )
        return False
    _replaced = current
    setattr(RemoteAction, METHOD, validate_action_result)
    return True


def uninstall() -> None:
    """Restore Rasa's own method where ``install`` replaced it (for tests and benchmarks)."""
    if _replaced is not None and RemoteAction.__dict__.get(METHOD) is validate_action_result:
        setattr(RemoteAction, METHOD, _replaced)
