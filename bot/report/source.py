"""Conversations read from the tracker store the assistant is configured with, one at a time.

Works on Rasa's SQL tracker stores (the SQLite default of ``endpoints.yml`` and the
PostgreSQL of ``deploy/endpoints.scale.yml``): one streamed query, ordered by conversation,
so memory holds one conversation at a time however large the store.
"""

from __future__ import annotations

import itertools
import json
from typing import Any, Dict, Iterator, List, Tuple

import sqlalchemy as sa

EVENTS = sa.table(
    "events",
    sa.column("id"),
    sa.column("sender_id"),
    sa.column("timestamp"),
    sa.column("data"),
)

Conversation = Tuple[str, List[Dict[str, Any]]]


def conversations(engine: sa.engine.Engine, since: float) -> Iterator[Conversation]:
    """Each conversation's events (Rasa's event dicts) from ``since`` (a Unix time) on.

    A conversation is every event of one sender id, in the order they were stored.
    """
    query = (
        sa.select(EVENTS.c.sender_id, EVENTS.c.data)
        .where(EVENTS.c.timestamp >= since)
        .order_by(EVENTS.c.sender_id, EVENTS.c.id)
    )
    with engine.connect() as connection:
        rows = connection.execution_options(stream_results=True).execute(query)
        for sender, group in itertools.groupby(rows, key=lambda row: row[0]):
            yield sender, [json.loads(data) for _, data in group]
