"""Checks shared by the project's few replacements of a Rasa method.

A replacement is only known to be equivalent to (or a superset of) the method Rasa 3.6.21
ships, so it is installed only when Rasa is 3.6.x and the method is still that one: its
module, qualified name and source hash (not a wrapper, not someone else's patch).
"""

from __future__ import annotations

import hashlib
import inspect
from typing import Any, Optional, Tuple

SUPPORTED_RASA = ("3", "6")  # major, minor


def is_original(method: Any, name: Tuple[str, str], source_sha256: str) -> bool:
    """Whether ``method`` is Rasa's own ``name`` (module, qualname) with that source."""
    if not inspect.isfunction(method) or hasattr(method, "__wrapped__"):
        return False
    if (method.__module__, method.__qualname__) != name:
        return False
    try:
        source = inspect.getsource(method.__code__)
    except (OSError, TypeError):
        return False
    return hashlib.sha256(source.encode("utf-8")).hexdigest() == source_sha256


def refusal(version: str, method: Any, name: Tuple[str, str], source_sha256: str) -> Optional[str]:
    """Why ``method`` of Rasa ``version`` must not be replaced; None when it may be."""
    if tuple(version.split(".")[:2]) != SUPPORTED_RASA:
        return f"Rasa {version} is not 3.6.x"
    if not is_original(method, name, source_sha256):
        return f"{name[1]} is not the one Rasa 3.6.21 ships"
    return None
