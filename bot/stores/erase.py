"""``python -m bot.stores.erase --endpoints endpoints.yml CONVERSATION_ID…``: delete people.

Deletes every stored event of each conversation id (``wechat:<OpenID>``, ``rest:<sender>``,
``webchat:<id>``) from the SQL tracker store of the endpoints file, for a person who asks
for their data to be deleted. Prints how many events each id had.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import List, Optional

import sqlalchemy as sa

from bot.stores.location import UnsupportedStore, opened, store_url

EVENTS = sa.table("events", sa.column("sender_id"))


def erase(engine: sa.engine.Engine, conversation_id: str) -> int:
    """Delete one conversation's events; how many there were."""
    with engine.begin() as connection:
        deleted = connection.execute(EVENTS.delete().where(EVENTS.c.sender_id == conversation_id))
    return int(deleted.rowcount or 0)


def main(argv: Optional[List[str]] = None) -> int:
    """Erase the given conversations; 2 when the store cannot be read."""
    parser = argparse.ArgumentParser(prog="python -m bot.stores.erase", description=__doc__)
    parser.add_argument("--endpoints", type=Path, default=Path("endpoints.yml"))
    parser.add_argument("conversation_ids", nargs="+", metavar="CONVERSATION_ID")
    args = parser.parse_args(argv)
    try:
        url = store_url(args.endpoints)
    except UnsupportedStore as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    with opened(url) as engine:
        for conversation_id in args.conversation_ids:
            print(f"{conversation_id}: {erase(engine, conversation_id)} events deleted")
    return 0


if __name__ == "__main__":
    sys.exit(main())
