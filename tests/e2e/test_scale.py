"""Durable conversations and two instances sharing real PostgreSQL and Redis."""

from __future__ import annotations

import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Dict, Iterator

import pytest
import requests
import sqlalchemy as sa

from harness.resilience import in_database, store_down_and_back, unavailable_text
from harness.servers import running_assistant, sqlite_stores
from harness.services import (
    SCALE_LOCK_LIFETIME,
    postgres_available,
    postgres_server,
    postgres_stores,
    redis_available,
    redis_locks,
    redis_server,
)
from harness.wechat_peer import open_reply, plain_env, plain_push, text_xml

pytestmark = pytest.mark.skipif(
    not (redis_available() and postgres_available()),
    reason="redis-server or PostgreSQL 15 missing (make services)",
)


def say(url: str, sender: str, text: str) -> str:
    """One REST message; the reply's texts."""
    response = requests.post(
        f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=60
    )
    response.raise_for_status()
    return "\n".join(m.get("text") or "" for m in response.json())


def test_sqlite_conversation_survives_a_restart(tmp_path):
    db = tmp_path / "conversations.db"
    sender = f"restart-{uuid.uuid4().hex[:8]}"
    with running_assistant(tmp_path / "first", stores=sqlite_stores(db)) as url:
        assert "北京路481号" in say(url, sender, "盘龙区失业保险科地址")
    with running_assistant(tmp_path / "second", stores=sqlite_stores(db)) as url:
        assert "65615362" in say(url, sender, "电话是多少")


@pytest.fixture(scope="module")
def stack(tmp_path_factory) -> Iterator[Dict[str, object]]:
    """PostgreSQL, Redis and two Rasa servers (A, B) sharing them."""
    with postgres_server() as pg, redis_server(tmp_path_factory.mktemp("redis")) as red:
        stores = postgres_stores(pg) + redis_locks(red.port)
        env = plain_env(WECHAT_REDIS_URL=f"redis://127.0.0.1:{red.port}/2", **SCALE_LOCK_LIFETIME)
        engine = sa.create_engine(f"postgresql://{pg['user']}@{pg['host']}:{pg['port']}/{pg['db']}")
        with running_assistant(tmp_path_factory.mktemp("a"), env=env, stores=stores) as a:
            with running_assistant(tmp_path_factory.mktemp("b"), env=env, stores=stores) as b:
                yield {"a": a, "b": b, "redis": red, "engine": engine}
        engine.dispose()


def user_events(engine, sender_prefix: str) -> Dict[str, int]:
    """User messages per sender in the shared tracker store."""
    query = sa.text(
        "SELECT sender_id, count(*) FROM events WHERE type_name = 'user' "
        "AND sender_id LIKE :prefix GROUP BY sender_id"
    )
    with engine.connect() as connection:
        return dict(connection.execute(query, {"prefix": f"{sender_prefix}%"}).fetchall())


def test_follow_up_on_the_other_instance_has_the_context(stack):
    sender = f"ab-{uuid.uuid4().hex[:8]}"
    assert "五华坊17号" in say(stack["a"], sender, "昆明五华区失业保险科在哪")
    assert "关兴路320号" in say(stack["b"], sender, "官渡区呢")


def test_same_msg_id_on_both_instances_is_one_turn(stack):
    sender = f"dup{uuid.uuid4().hex[:12]}"
    xml = text_xml(sender, "宁波每月失业金多少", msg_id=9_100_000_000_000_000 + int(time.time()))

    def deliver(url: str) -> requests.Response:
        query, body = plain_push(xml)
        return requests.post(f"{url}/webhooks/wechat/webhook", params=query, data=body, timeout=30)

    with ThreadPoolExecutor(2) as pool:
        responses = list(pool.map(deliver, [stack["a"], stack["b"]]))
    texts = [open_reply(r.text, False).findtext("Content") for r in responses]
    assert all("1395" in text for text in texts), texts
    assert user_events(stack["engine"], f"wechat:{sender}") == {f"wechat:{sender}": 1}


def test_two_hundred_conversations_over_both_instances(stack):
    prefix = f"load-{uuid.uuid4().hex[:6]}-"

    def conversation(index: int) -> str:
        sender = f"{prefix}{index}"
        first, second = (stack["a"], stack["b"]) if index % 2 else (stack["b"], stack["a"])
        say(first, sender, "宁波失业金能领多久")
        return say(second, sender, "交了两年")

    with ThreadPoolExecutor(20) as pool:
        replies = list(pool.map(conversation, range(200)))
    assert sum("3个月" in reply for reply in replies) == 200
    counts = user_events(stack["engine"], f"rest:{prefix}")
    assert len(counts) == 200 and set(counts.values()) == {2}


def test_redis_down_gives_the_apology_and_service_resumes(stack):
    outcome = store_down_and_back(
        stack["a"], stack["redis"].kill, stack["redis"].start, in_database(stack["engine"]), "Redis"
    )
    assert outcome.during == unavailable_text()  # the exact apology
    assert "5个月" in outcome.answer  # back by itself, the region still known
    assert outcome.stored == ["宁波每月失业金多少", "交了3年能领几个月"]  # nothing of the outage
