"""Check, before Rasa starts, that the configured stores answer; fail in seconds if not.

``python -m bot.stores.preflight ENDPOINTS.yml`` exits 0 when the tracker store, the lock
store and (if ``WECHAT_REDIS_URL`` is set) the WeChat channel's Redis answer, else 1
with one line naming what is unreachable.
"""

from __future__ import annotations

import os
import sys
from typing import List, Optional

import redis
from rasa.core.tracker_store import SQLTrackerStore
from rasa.utils.endpoints import read_endpoint_config

from bot.stores.sql import StoreUnavailable, check_reachable

TIMEOUT_S = 5


def check_endpoints(path: str, wechat_redis_url: Optional[str] = None) -> List[str]:
    """Problems with the stores of an endpoints file (empty when all answer)."""
    problems: List[str] = []
    tracker = read_endpoint_config(path, "tracker_store")
    if (
        tracker
        and tracker.type
        and (tracker.type.endswith("SQLTrackerStore") or tracker.type == "sql")
    ):
        kwargs = tracker.kwargs
        url = SQLTrackerStore.get_db_url(
            kwargs.get("dialect", "sqlite"),
            tracker.url,
            kwargs.get("port"),
            kwargs.get("db", "rasa.db"),
            kwargs.get("username"),
            kwargs.get("password"),
        )
        if kwargs.get("dialect", "sqlite") != "sqlite":
            try:
                check_reachable(url, TIMEOUT_S)
            except StoreUnavailable as error:
                problems.append(str(error))
    lock = read_endpoint_config(path, "lock_store")
    if lock and lock.type == "redis":
        problems += _redis_problem(
            "lock store",
            redis.Redis(
                host=lock.url,
                port=int(lock.kwargs.get("port", 6379)),
                socket_connect_timeout=TIMEOUT_S,
                socket_timeout=TIMEOUT_S,
            ),
        )
    if wechat_redis_url:
        client = redis.Redis.from_url(
            wechat_redis_url, socket_connect_timeout=TIMEOUT_S, socket_timeout=TIMEOUT_S
        )
        problems += _redis_problem("WeChat channel Redis", client)
    return problems


def _redis_problem(label: str, client: redis.Redis) -> List[str]:
    try:
        client.ping()
    except redis.RedisError as error:
        return [f"cannot reach the {label} within {TIMEOUT_S} s: {error}"]
    return []


def main() -> int:
    """Check the endpoints file given on the command line."""
    path = sys.argv[1] if len(sys.argv) > 1 else "endpoints.yml"
    problems = check_endpoints(path, os.environ.get("WECHAT_REDIS_URL"))
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
