"""Where the SQL tracker store of an endpoints file is: its database URL.

Shared by the tools that read the store outside Rasa (the operator report, the eraser).
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.utils.endpoints import read_endpoint_config

SQL_STORE_TYPES = ("sql", "bot.stores.sql.DurableSQLTrackerStore")


class UnsupportedStore(ValueError):
    """The endpoints file names no SQL tracker store."""


def store_url(endpoints: Path) -> sa.engine.URL:
    """The database URL of the tracker store in ``endpoints`` (``${VAR}`` filled from the env)."""
    config = read_endpoint_config(str(endpoints), "tracker_store")
    if config is None or config.type not in SQL_STORE_TYPES:
        kind = "none" if config is None else config.type
        raise UnsupportedStore(
            f"{endpoints}: the report reads SQL tracker stores (SQLite, PostgreSQL); found {kind}"
        )
    options = config.kwargs
    return SQLTrackerStore.get_db_url(
        dialect=options.get("dialect", "sqlite"),
        host=config.url,
        port=options.get("port"),
        db=options.get("db", "rasa.db"),
        username=options.get("username"),
        password=options.get("password"),
        login_db=options.get("login_db"),
        query=options.get("query"),
    )


@contextmanager
def opened(url: Any) -> Iterator[sa.engine.Engine]:
    """An engine on ``url``, disposed of afterwards."""
    engine = sa.create_engine(url)
    try:
        yield engine
    finally:
        engine.dispose()
