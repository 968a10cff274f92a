"""One busy sender, or one busy address, gets a polite refusal; everyone else is answered.

A dedicated assistant with small limits: 3 messages a minute per sender, 9 per address.
"""

from __future__ import annotations

import uuid
from typing import Iterator

import pytest
import requests
import yaml

from harness.servers import ROOT, running_assistant, user_turns
from harness.wechat_peer import open_reply, plain_env, plain_push, text_xml

PER_SENDER, PER_ADDRESS = 3, 9
WEBHOOK = "/webhooks/wechat/webhook"


@pytest.fixture(scope="module")
def limited(tmp_path_factory) -> Iterator[str]:
    """Base URL of an assistant with small fair-share limits."""
    env = plain_env(
        ASSISTANT_RATE_PER_SENDER=f"{PER_SENDER}/60",
        ASSISTANT_RATE_PER_ADDRESS=f"{PER_ADDRESS}/60",
    )
    with running_assistant(tmp_path_factory.mktemp("limited"), env=env) as url:
        yield url


@pytest.fixture(scope="module")
def refusal() -> str:
    """The text of ``utter_rate_limited``."""
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    return domain["responses"]["utter_rate_limited"][0]["text"]


def rest(url: str, sender: str, text: str = "宁波失业金要什么材料") -> str:
    reply = requests.post(
        f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=30
    )
    assert reply.status_code == 200, reply.text
    return "\n".join(m.get("text") or "" for m in reply.json())


def test_a_sender_past_its_share_is_refused_politely_and_not_run(limited, refusal):
    busy, other = f"busy{uuid.uuid4().hex[:8]}", f"calm{uuid.uuid4().hex[:8]}"
    texts = [rest(limited, busy) for _ in range(PER_SENDER + 2)]
    assert all("身份证" in text for text in texts[:PER_SENDER])
    assert texts[PER_SENDER:] == [refusal, refusal]
    assert user_turns(limited, f"rest:{busy}") == PER_SENDER
    assert "身份证" in rest(limited, other)


def test_wechat_senders_have_the_same_share(limited, refusal):
    openid = f"o{uuid.uuid4().hex[:20]}"
    replies = []
    for _ in range(PER_SENDER + 1):
        query, body = plain_push(text_xml(openid, "宁波失业金要什么材料"))
        response = requests.post(f"{limited}{WEBHOOK}", params=query, data=body, timeout=30)
        replies.append(open_reply(response.text, False).findtext("Content") or "")
    assert "身份证" in replies[0]
    assert replies[-1] == refusal


def test_an_address_past_its_share_is_refused_whatever_the_sender(limited, refusal):
    # Earlier tests in this module used part of this address's share; use up the rest.
    texts = [rest(limited, f"many{uuid.uuid4().hex[:8]}") for _ in range(PER_ADDRESS + 1)]
    assert texts[-1] == refusal
    session = requests.post(f"{limited}/webhooks/webchat/session", timeout=10)
    assert session.status_code == 429
