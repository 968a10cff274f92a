"""Resolve an event's type name through a table instead of walking every Event subclass.

Rasa 3.6's ``Event.resolve_by_type`` walks ``all_subclasses(Event)`` (recursively, about
30 classes) for every stored event it deserializes, so reading a conversation costs
about 0.17 ms per event: profiled, it was the largest single cost of a turn in a long
session. ``install`` puts in a function with the same answers: the first subclass, in
Rasa's own order, with that type name, read from a table built once and rebuilt when a
name is missing (an event class defined later); the same ``topic`` and default handling
and the same error otherwise.

Installed from ``components.tokenizer`` with the other replacements, only on Rasa 3.6.x
whose method is still the one 3.6.21 ships (``components.patching``).
"""

from __future__ import annotations

import logging
from typing import Any, Dict, Optional, Type

import rasa
from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses

from components import patching

logger = logging.getLogger(__name__)

METHOD = "resolve_by_type"
ORIGINAL_NAME = ("rasa.shared.core.events", f"Event.{METHOD}")
# SHA-256 of the method's source as Rasa 3.6.21 ships it (``inspect.getsource``).
ORIGINAL_SOURCE_SHA256 = "b5cf570fa7f286c7059ec73d8880528d03a78b28cf4e80285a46079c0fa65968"

_table: Dict[str, Type[Event]] = {}
_replaced: Optional[Any] = None


def _rebuild() -> None:
    table: Dict[str, Type[Event]] = {}
    for cls in all_subclasses(Event):
        table.setdefault(cls.type_name, cls)
    _table.clear()
    _table.update(table)


def resolve_by_type(type_name: str, default: Optional[Type[Event]] = None) -> Optional[Type[Event]]:
    """The Event class of ``type_name``, as ``Event.resolve_by_type`` answers."""
    found = _table.get(type_name)
    if found is None:
        _rebuild()
        found = _table.get(type_name)
    if found is not None:
        return found
    if type_name == "topic":
        return None  # Rasa's backwards compatibility with old TopicSet events
    if default is not None:
        return default
    raise ValueError(f"Unknown event name '{type_name}'.")


def refusal(version: str, method: Any) -> Optional[str]:
    """Why ``method`` of Rasa ``version`` must not be replaced; None when it may be."""
    return patching.refusal(version, method, ORIGINAL_NAME, ORIGINAL_SOURCE_SHA256)


def install() -> bool:
    """Use the table in this process (idempotent); False if Rasa is not 3.6.21's."""
    global _replaced
    current = Event.__dict__.get(METHOD)
    function = current.__func__ if isinstance(current, staticmethod) else current
    if function is resolve_by_type:
        return True
    reason = refusal(rasa.__version__, function)
    if reason is not None:
        logger.warning("event types are resolved by Rasa's own walk (%s)", reason)
        return False
    _replaced = current
    setattr(Event, METHOD, staticmethod(resolve_by_type))
    return True


def uninstall() -> None:
    """Restore Rasa's own method where ``install`` replaced it (for tests and benchmarks)."""
    current = Event.__dict__.get(METHOD)
    if _replaced is not None and getattr(current, "__func__", None) is resolve_by_type:
        setattr(Event, METHOD, _replaced)
