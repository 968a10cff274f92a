"""End a conversation session after so many user turns, carrying its slots over.

A turn's cost in Rasa grows with the session: the tracker store reads every event since
the session started, the policies featurize them, and the action server is sent them all.
A WeChat OpenID never changes and a session lasts 24 hours (``session_config``), so a
busy sender's turns kept growing slower (and, with one Rasa process, everyone's).
``install`` makes Rasa's own expiry check also say "expired" once the session holds
``ASSISTANT_SESSION_TURNS`` user messages (default 20; 0 turns it off). Rasa then runs
``action_session_start`` as on any expiry: a ``session_started`` event, and the slots
carried over (``carry_over_slots_to_new_session: true``): region, area, topic, the
person's facts. The tracker store keeps every earlier session for review; only the
latest one is read per turn.

Installed from ``components.tokenizer`` with the other replacement (see there why), only
on Rasa 3.6.x whose method is still the one 3.6.21 ships (``components.patching``).
"""

from __future__ import annotations

import logging
import os
from typing import Any, Callable, Optional

import rasa
from rasa.core.processor import MessageProcessor
from rasa.shared.core.events import SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from components import patching

logger = logging.getLogger(__name__)

METHOD = "_has_session_expired"
ORIGINAL_NAME = ("rasa.core.processor", f"MessageProcessor.{METHOD}")
# SHA-256 of the method's source as Rasa 3.6.21 ships it (``inspect.getsource``).
ORIGINAL_SOURCE_SHA256 = "aa0e659a9cfa1f70616523da75045bd87d4424a03432726722c7dc80a9869200"
DEFAULT_SESSION_TURNS = 20

_replaced: Optional[Callable[..., bool]] = None


def session_turns() -> int:
    """User messages per session (``ASSISTANT_SESSION_TURNS``; 0: no limit)."""
    raw = os.environ.get("ASSISTANT_SESSION_TURNS", "").strip()
    valid = raw.isascii() and raw.isdigit() and len(raw) <= 6
    return int(raw) if valid else DEFAULT_SESSION_TURNS


def turns_in_session(tracker: DialogueStateTracker) -> int:
    """User messages since the latest session start (reads back only that far)."""
    turns = 0
    for event in reversed(tracker.events):
        if isinstance(event, SessionStarted):
            break
        if isinstance(event, UserUttered):
            turns += 1
    return turns


def has_session_expired(self: MessageProcessor, tracker: DialogueStateTracker) -> bool:
    """Rasa's expiry (time since the last message), or a session that is long enough."""
    assert _replaced is not None
    if _replaced(self, tracker):
        return True
    limit = session_turns()
    if not limit or not self.domain.session_config.are_sessions_enabled():
        return False
    full = turns_in_session(tracker) >= limit
    if full:
        logger.debug("session of %s holds %d messages: a new one starts", tracker.sender_id, limit)
    return full


def refusal(version: str, method: Any) -> Optional[str]:
    """Why ``method`` of Rasa ``version`` must not be replaced; None when it may be."""
    return patching.refusal(version, method, ORIGINAL_NAME, ORIGINAL_SOURCE_SHA256)


def install() -> bool:
    """Use the turn-limited expiry in this process (idempotent); False if Rasa is not 3.6's."""
    global _replaced
    current = MessageProcessor.__dict__.get(METHOD)
    if current is has_session_expired:
        return True
    reason = refusal(rasa.__version__, current)
    if reason is not None:
        logger.warning("sessions are not limited by length (%s): Rasa's expiry stays", reason)
        return False
    _replaced = current
    setattr(MessageProcessor, METHOD, has_session_expired)
    return True


def uninstall() -> None:
    """Restore Rasa's own method where ``install`` replaced it (for tests and benchmarks)."""
    if _replaced is not None and MessageProcessor.__dict__.get(METHOD) is has_session_expired:
        setattr(MessageProcessor, METHOD, _replaced)
