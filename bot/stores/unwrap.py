"""The tracker store itself, under the wrappers Rasa puts around it."""

from __future__ import annotations

from typing import Any


def innermost_store(store: Any) -> Any:
    """The store under Rasa's wrappers (``AwaitableTrackerStore``, ``FailSafeTrackerStore``).

    Each wrapper keeps the store it wraps as ``_tracker_store``.
    """
    while hasattr(store, "_tracker_store"):
        store = store._tracker_store
    return store
