"""Any process can take any WeChat message: two Rasa servers sharing their state.

Two set-ups, each with servers A and B: the one-machine default (conversations, locks and
the channel's memory in SQLite files, as ``make run``'s Sanic workers share them) and the
scale-out stack (PostgreSQL, Redis).
"""

from __future__ import annotations

import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Dict, Iterator, List

import pytest
import requests
import sqlalchemy as sa

from harness.resilience import SLOW_ACTIONS, wechat_claim_taken_over
from harness.servers import make_run_setup, running_assistant
from harness.services import (
    SCALE_LOCK_LIFETIME,
    postgres_available,
    postgres_server,
    postgres_stores,
    redis_available,
    redis_locks,
    redis_server,
)
from harness.wechat_peer import event_xml, open_reply, plain_env, plain_push, text_xml
from tests.e2e.conftest import REPLY_BYTES

WEBHOOK = "/webhooks/wechat/webhook"


def one_machine(workdir: Path):
    """Stores and environment of the ``make run`` default (one worker each), files in ``workdir``."""
    stores, files_env = make_run_setup(workdir, workers=1)
    env = plain_env(WECHAT_MAX_REPLY_BYTES=str(REPLY_BYTES), **files_env)
    engine = sa.create_engine(f"sqlite:///{workdir / 'conversations.db'}")
    return stores, env, engine


@pytest.fixture(
    scope="module", params=["one machine (SQLite files)", "scale-out (PostgreSQL, Redis)"]
)
def pair(request, tmp_path_factory) -> Iterator[Dict[str, object]]:
    """Servers A and B sharing one set-up's stores and channel memory."""
    if request.param.startswith("one machine"):
        stores, env, engine = one_machine(tmp_path_factory.mktemp("files"))
        yield from serve_pair(tmp_path_factory, stores, env, engine)
        return
    if not (redis_available() and postgres_available()):
        pytest.skip("redis-server or PostgreSQL 15 missing (make services)")
    with postgres_server() as pg, redis_server(tmp_path_factory.mktemp("redis")) as red:
        stores = postgres_stores(pg) + redis_locks(red.port)
        env = plain_env(
            WECHAT_MAX_REPLY_BYTES=str(REPLY_BYTES),
            WECHAT_REDIS_URL=f"redis://127.0.0.1:{red.port}/2",
            **SCALE_LOCK_LIFETIME,
        )
        engine = sa.create_engine(f"postgresql://{pg['user']}@{pg['host']}:{pg['port']}/{pg['db']}")
        yield from serve_pair(tmp_path_factory, stores, env, engine)


def serve_pair(tmp_path_factory, stores: str, env: Dict[str, str], engine) -> Iterator[dict]:
    """Servers A and B (the slow-on-request actions) on the same stores and memory."""
    handles: dict = {}
    with running_assistant(
        tmp_path_factory.mktemp("a"), env=env, stores=stores, actions=SLOW_ACTIONS, handles=handles
    ) as a:
        with running_assistant(
            tmp_path_factory.mktemp("b"), env=env, stores=stores, actions=SLOW_ACTIONS
        ) as b:
            yield {"a": a, "b": b, "engine": engine, "process_a": handles["processes"][1]}
    engine.dispose()


def openid() -> str:
    return f"o{uuid.uuid4().hex[:20]}"


def post(url: str, query: Dict[str, str], body: bytes) -> requests.Response:
    return requests.post(f"{url}{WEBHOOK}", params=query, data=body, timeout=30)


def reply(response: requests.Response) -> str:
    assert response.status_code == 200, response.text
    if response.text in ("", "success"):
        return ""
    return open_reply(response.text, False).findtext("Content") or ""


def ask(url: str, sender: str, text: str) -> str:
    return reply(post(url, *plain_push(text_xml(sender, text))))


def events_of(engine: sa.engine.Engine, conversation: str) -> List[str]:
    """The conversation's stored event types and action names, in order."""
    query = sa.text(
        "SELECT type_name, action_name FROM events WHERE sender_id = :sender ORDER BY id"
    )
    with engine.connect() as connection:
        rows = connection.execute(query, {"sender": conversation}).fetchall()
    return [f"{kind}:{name}" if kind == "action" else kind for kind, name in rows]


def test_a_menu_choice_on_a_is_answered_by_its_number_on_b(pair):
    user = openid()
    menu = reply(post(pair["a"], *plain_push(event_xml(user, "CLICK", "DOCUMENTS"))))
    assert "3. 宁波市" in menu and "回复数字" in menu
    assert "一寸照2张" in ask(pair["b"], user, "3")


def test_more_on_b_continues_a_long_answer_given_on_a(pair):
    user = openid()
    first = ask(pair["a"], user, "昆明网上怎么申请失业保险金")
    assert len(first.encode()) <= REPLY_BYTES and "更多" in first
    rest = ask(pair["b"], user, "更多")
    assert rest and rest not in first
    assert "银行发放" in first + rest


def test_a_push_replayed_to_b_is_refused(pair):
    query, body = plain_push(text_xml(openid(), "宁波每月失业金多少"))
    assert "1395" in reply(post(pair["a"], query, body))
    replayed = post(pair["b"], query, body)
    assert replayed.status_code == 403 and "replayed" in replayed.text


def test_one_senders_messages_sent_to_a_and_b_at_once_are_each_one_whole_turn(pair):
    user = openid()
    messages = [(pair["a"], "宁波每月失业金多少"), (pair["b"], "昆明五华区失业保险科在哪")]
    with ThreadPoolExecutor(2) as pool:
        texts = list(pool.map(lambda m: ask(m[0], user, m[1]), messages))
    assert "1395" in texts[0] and "五华坊17号" in texts[1]
    events = [e for e in events_of(pair["engine"], f"wechat:{user}") if e in ("user", "bot")]
    # Each message is one whole turn: its replies follow it before the next message is taken.
    collapsed = [e for i, e in enumerate(events) if i == 0 or e != events[i - 1]]
    assert collapsed == ["user", "bot", "user", "bot"], events


def test_a_retry_of_one_msg_id_to_both_runs_once(pair):
    user = openid()
    xml = text_xml(user, "宁波交了3年能领几个月", msg_id=9_300_000_000_000_000 + int(time.time()))

    def deliver(url: str) -> str:
        return reply(post(url, *plain_push(xml)))

    with ThreadPoolExecutor(2) as pool:
        texts = list(pool.map(deliver, [pair["a"], pair["b"]]))
    assert all("个月" in text for text in texts), texts
    assert events_of(pair["engine"], f"wechat:{user}").count("user") == 1


def test_last_a_retry_of_a_push_claimed_by_a_server_killed_mid_turn_is_answered_by_the_other(pair):
    """Runs last: it kills A."""
    outcome = wechat_claim_taken_over(pair["a"], pair["b"], pair["process_a"], pair["engine"])
    assert "1395" in outcome.answer
    assert outcome.recovered_s < 14  # within the platform's three retries (about 15 s)
    assert outcome.stored == ["慢慢说，宁波每月失业金多少"]  # run once, where it finished
