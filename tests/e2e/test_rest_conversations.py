"""Multi-turn conversations over the REST channel against the real servers."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any, Dict, List

import pytest
import requests
import yaml

# The project's conversations, and those of the kinds the understanding issue found.
CONVERSATIONS = [
    conversation
    for name in (
        "conversations.yml",
        "understanding.yml",
        "round3.yml",
        "round4.yml",
        "round5.yml",
        "round6.yml",
        "round7.yml",
        "round8.yml",
        "round9.yml",
        "round10.yml",
        "round11.yml",
        "round12.yml",
        "round13.yml",
    )
    for conversation in yaml.safe_load(Path(__file__).with_name(name).read_text(encoding="utf-8"))
]


def ask(url: str, sender: str, text: str) -> str:
    """Send one message; return every text and button title of the reply."""
    response = requests.post(
        f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=30
    )
    response.raise_for_status()
    parts: List[str] = []
    for message in response.json():
        parts.append(message.get("text") or "")
        parts.extend(button["title"] for button in message.get("buttons") or [])
    return "\n".join(parts)


def check(turn: Dict[str, Any], reply: str) -> List[str]:
    """What is wrong with a reply, as readable lines."""
    problems = [f"missing {fact!r}" for fact in turn.get("expect_all", []) if fact not in reply]
    anyof = turn.get("expect_any")
    if anyof and not any(fact in reply for fact in anyof):
        problems.append(f"none of {anyof}")
    problems += [f"forbidden {fact!r}" for fact in turn.get("forbid", []) if fact in reply]
    if not reply.strip():
        problems.append("empty reply")
    return problems


@pytest.mark.parametrize("conversation", CONVERSATIONS, ids=[c["id"] for c in CONVERSATIONS])
def test_conversation(assistant_url, conversation):
    sender = f"e2e-{uuid.uuid4().hex[:10]}"
    for turn in conversation["turns"]:
        reply = ask(assistant_url, sender, turn["user"])
        assert not check(turn, reply), f"{turn['user']!r} -> {reply!r}: {check(turn, reply)}"


def test_malformed_request_gets_a_clear_http_error(assistant_url):
    response = requests.post(f"{assistant_url}/webhooks/rest/webhook", data="not json", timeout=30)
    assert 400 <= response.status_code < 500
