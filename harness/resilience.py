"""Crash and outage scenarios on real servers: the tests assert on them, bench.resilience reports.

Each scenario plays one conversation around a failure and returns an :class:`Outcome`:
what the user got while it lasted, how long until the next whole answer, and what the
tracker store holds for the conversation. The action server is the real one with
``action_answer`` slowed down for messages containing 慢慢 (``tests/e2e/slow_actions``), so
that a turn can be killed while it runs.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional

import requests
import sqlalchemy as sa
from rasa.shared.core.domain import Domain

from bot.channels.responses import first_text
from harness.servers import ROOT, running_assistant, user_events
from harness.wechat_peer import open_reply, plain_push, text_xml

SLOW_ACTIONS = "tests.e2e.slow_actions"
RECOVERY_LIMIT_S = 30.0


def unavailable_text() -> str:
    """The exact apology ``utter_service_unavailable`` of the domain."""
    return first_text(Domain.load(str(ROOT / "domain.yml")).responses, "utter_service_unavailable")


@dataclass
class Outcome:
    """What one failure scenario showed."""

    scenario: str
    during: str = ""  # the reply while the failure lasted ("" when the request died with it)
    recovered_s: float = 0.0  # from the end of the failure to the next whole answer
    stored: List[str] = field(default_factory=list)  # user messages stored, in order
    answer: str = ""  # the first whole answer after the failure


def say(url: str, sender: str, text: str, timeout: float = 30) -> str:
    """One REST message; the reply's texts."""
    reply = requests.post(
        f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=timeout
    )
    reply.raise_for_status()
    return "\n".join(m.get("text") or "" for m in reply.json())


def stored_user_texts(engine: sa.engine.Engine, conversation: str) -> List[str]:
    """The user messages the tracker store holds for a conversation, in order."""
    query = sa.text(
        "SELECT data FROM events WHERE sender_id = :sender AND type_name = 'user' ORDER BY id"
    )
    with engine.connect() as connection:
        rows = connection.execute(query, {"sender": conversation}).fetchall()
    return [json.loads(data)["text"] for (data,) in rows]


def _kill_while(send: Callable[[], object], process, after_s: float) -> bool:
    """Run ``send`` in a thread and SIGKILL ``process`` ``after_s`` later; whether it died."""
    failed: List[Exception] = []

    def run() -> None:
        try:
            send()
        except Exception as error:  # the connection dies with the server
            failed.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    time.sleep(after_s)
    process.kill()
    process.wait(timeout=30)
    thread.join(timeout=30)
    return bool(failed)


def server_killed_mid_turn(
    workdir: Path,
    stores: str,
    env: Dict[str, str],
    engine,
    then: Optional[Callable[[str], None]] = None,
) -> Outcome:
    """SIGKILL the Rasa server during a slow turn, start it again on the same stores.

    ``then``, if given, is called with the restarted server's URL before it stops.
    """
    sender = f"crash-{uuid.uuid4().hex[:8]}"
    outcome = Outcome("Rasa server killed (SIGKILL) mid-turn, then started again")
    handles: dict = {}
    with running_assistant(
        workdir / "before", env=env, stores=stores, actions=SLOW_ACTIONS, handles=handles
    ) as url:
        say(url, sender, "宁波失业金能领多久，交了两年")
        died = _kill_while(
            lambda: say(url, sender, "慢慢说，要带什么材料", timeout=15),
            handles["processes"][1],
            after_s=1.0,
        )
        killed_at = time.monotonic()
    outcome.during = "" if died else "(the turn ended before the kill)"
    with running_assistant(workdir / "after", env=env, stores=stores, actions=SLOW_ACTIONS) as url:
        outcome.answer = say(url, sender, "每月多少钱")
        outcome.recovered_s = time.monotonic() - killed_at  # start-up included
        outcome.stored = stored_user_texts(engine, f"rest:{sender}")
        if then is not None:
            then(url)
    return outcome


def store_down_and_back(
    url: str,
    stop: Callable[[], None],
    start: Callable[[], None],
    stored: Callable[[str], List[str]],
    label: str,
) -> Outcome:
    """Stop a service while serving: the reply meanwhile, the time to answer again once back.

    ``stored`` gives the user messages stored for a conversation id.
    """
    sender = f"down-{uuid.uuid4().hex[:8]}"
    outcome = Outcome(f"{label} stopped while serving, then started again")
    say(url, sender, "宁波每月失业金多少")
    stop()
    try:
        time.sleep(1.2)  # past the health check's one-second cache
        outcome.during = say(url, sender, "交了3年能领几个月")
    finally:
        start()
    back = time.monotonic()
    while time.monotonic() - back < RECOVERY_LIMIT_S:
        reply = say(url, sender, "交了3年能领几个月")
        if reply != outcome.during:
            outcome.answer = reply
            break
        time.sleep(0.25)
    outcome.recovered_s = time.monotonic() - back
    outcome.stored = stored(f"rest:{sender}")
    return outcome


def in_database(engine: sa.engine.Engine) -> Callable[[str], List[str]]:
    """``stored`` for :func:`store_down_and_back` reading an SQL store (fresh connections)."""

    def texts(conversation: str) -> List[str]:
        engine.dispose()  # pooled connections may have died with the database
        return stored_user_texts(engine, conversation)

    return texts


def through_api(url: str) -> Callable[[str], List[str]]:
    """``stored`` for :func:`store_down_and_back` asking the server's HTTP API."""
    return lambda conversation: [event["text"] for event in user_events(url, conversation)]


def wechat_claim_taken_over(a: str, b: str, process_a, engine) -> Outcome:
    """Kill server A while it runs a WeChat push; the platform's retry goes to server B.

    A and B share their stores and the channels' memory; both run the slow actions.
    """
    user = f"o{uuid.uuid4().hex[:20]}"
    xml = text_xml(user, "慢慢说，宁波每月失业金多少", msg_id=9_400_000_000_000 + int(time.time()))
    outcome = Outcome("WeChat push claimed by server A, A killed, the platform's retry to B")

    def push(url: str) -> requests.Response:
        query, body = plain_push(xml)  # same MsgId, a fresh signature each time
        return requests.post(f"{url}/webhooks/wechat/webhook", params=query, data=body, timeout=30)

    _kill_while(lambda: push(a), process_a, after_s=1.0)
    retried_at = time.monotonic()
    retry = push(b)
    outcome.recovered_s = time.monotonic() - retried_at
    if retry.status_code == 200 and retry.text not in ("", "success"):
        outcome.answer = open_reply(retry.text, False).findtext("Content") or ""
    else:
        outcome.answer = f"HTTP {retry.status_code} {retry.text[:80]}"
    outcome.stored = stored_user_texts(engine, f"wechat:{user}")
    return outcome
