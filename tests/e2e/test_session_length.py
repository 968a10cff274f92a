"""A long conversation is cut into sessions; what the person told is carried over.

A dedicated assistant whose sessions hold 3 user messages (``ASSISTANT_SESSION_TURNS``).
"""

from __future__ import annotations

import uuid
from typing import Iterator

import pytest
import requests

from harness.servers import API_TOKEN, running_assistant, user_turns

SESSION_TURNS = 3


@pytest.fixture(scope="module")
def short_sessions(tmp_path_factory) -> Iterator[str]:
    """Base URL of an assistant with 3-message sessions."""
    env = {"ASSISTANT_SESSION_TURNS": str(SESSION_TURNS)}
    with running_assistant(tmp_path_factory.mktemp("sessions"), env=env) as url:
        yield url


def rest(url: str, sender: str, text: str) -> str:
    reply = requests.post(
        f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=30
    )
    assert reply.status_code == 200, reply.text
    return "\n".join(m.get("text") or "" for m in reply.json())


def tracker(url: str, conversation: str) -> dict:
    reply = requests.get(
        f"{url}/conversations/{conversation}/tracker", params={"token": API_TOKEN}, timeout=10
    )
    reply.raise_for_status()
    return reply.json()


def test_sessions_stay_short_and_carry_the_case_over(short_sessions):
    sender = f"long{uuid.uuid4().hex[:8]}"
    conversation = f"rest:{sender}"
    assert "3个月" in rest(short_sessions, sender, "宁波交了两年能领几个月")
    for _ in range(SESSION_TURNS + 1):
        rest(short_sessions, sender, "谢谢")
    # the turn read back is short, whatever came before
    assert user_turns(short_sessions, conversation) <= SESSION_TURNS
    state = tracker(short_sessions, conversation)
    assert state["slots"]["user_region"] == "宁波市"
    assert state["slots"]["contribution_months"] == 24.0
    # and the next question is answered from what was told two sessions ago
    assert "4185" in rest(short_sessions, sender, "一共能领多少钱")
    assert "您爱人" in rest(short_sessions, sender, "那我老婆交了三年呢")
