"""Delete one user's conversation from whichever tracker store Rasa runs with."""

from __future__ import annotations

import logging

from rasa.core.tracker_store import (
    InMemoryTrackerStore,
    RedisTrackerStore,
    SQLTrackerStore,
    TrackerStore,
)
from rasa.shared.core.events import Restarted

from bot.stores.unwrap import innermost_store

logger = logging.getLogger(__name__)


async def forget_conversation(tracker_store: TrackerStore, sender_id: str) -> None:
    """Remove ``sender_id``'s conversation; where a store cannot delete, restart it."""
    store = innermost_store(tracker_store)
    if isinstance(store, InMemoryTrackerStore):
        store.store.pop(sender_id, None)
    elif isinstance(store, RedisTrackerStore):
        store.red.delete(store.key_prefix + sender_id)
    elif isinstance(store, SQLTrackerStore):
        with store.session_scope() as session:
            session.query(store.SQLEvent).filter(store.SQLEvent.sender_id == sender_id).delete()
            session.commit()
    else:
        tracker = await tracker_store.retrieve(sender_id)
        if tracker is not None:
            tracker.update(Restarted())
            await tracker_store.save(tracker)
        logger.info("tracker store %s cannot delete; restarted %s", type(store).__name__, sender_id)
