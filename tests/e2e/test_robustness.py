"""No input breaks the assistant, and a missing action server gets an apology, not silence."""

from __future__ import annotations

import json
import uuid
from typing import Iterator

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.channels.inputs import MAX_JSON_BODY_BYTES, clean_text
from harness.resilience import store_down_and_back, through_api, unavailable_text
from harness.servers import running_assistant
from harness.wechat_peer import open_reply, plain_env, plain_push, text_xml

# XML 1.0 allows no control characters but tab, newline and carriage return.
XML_TEXT = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs",),
        blacklist_characters=[chr(c) for c in range(32) if c not in (9, 10, 13)]
        + ["\ufffe", "\uffff"],
    ),
    max_size=300,
)
ANY_TEXT = st.one_of(
    st.text(max_size=300),
    st.text(
        alphabet=st.sampled_from(
            "温州宁波昆明吉林失业金多少领几个月😀🎉\u200b\u202e\x00\x07 \n\t<>&]]>"
        ),
        max_size=80,
    ),
    st.just("字" * 10_000),
    st.just(""),
)
EXAMPLES = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[dict]:
    """An assistant of this module's own (one test stops its action server)."""
    handles: dict = {}
    env = plain_env()
    with running_assistant(tmp_path_factory.mktemp("robust"), env=env, handles=handles) as url:
        yield {"url": url, **handles}


def rest(url: str, sender: str, text: str) -> requests.Response:
    return requests.post(
        f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=30
    )


@EXAMPLES
@given(text=ANY_TEXT)
def test_rest_always_answers(server, text):
    response = rest(server["url"], f"fuzz-{uuid.uuid4().hex[:8]}", text)
    body = json.dumps({"sender": "fuzz-12345678", "message": text})
    if len(body) > MAX_JSON_BODY_BYTES:
        assert response.status_code == 413  # over the JSON body bound
        return
    if not clean_text(text).strip():
        assert response.status_code == 400 and response.json()["error"]  # nothing to answer
        return
    assert response.status_code == 200
    messages = response.json()
    assert messages and any((m.get("text") or "").strip() for m in messages)


@EXAMPLES
@given(text=XML_TEXT)
def test_wechat_always_answers(server, text):
    query, body = plain_push(text_xml(f"o{uuid.uuid4().hex[:16]}", text))
    response = requests.post(
        f"{server['url']}/webhooks/wechat/webhook", params=query, data=body, timeout=30
    )
    assert response.status_code == 200, response.text
    assert open_reply(response.text, False).findtext("Content").strip()


def test_action_server_down_gets_the_apology_then_the_conversation_continues(server):
    def stop() -> None:
        server["processes"][0].terminate()
        server["processes"][0].wait(timeout=30)

    outcome = store_down_and_back(
        server["url"], stop, server["restart_actions"], through_api(server["url"]), "actions"
    )
    assert outcome.during == unavailable_text()  # the exact apology
    assert "5个月" in outcome.answer  # the region given before the outage is still known
    assert outcome.stored == ["宁波每月失业金多少", "交了3年能领几个月"]  # the outage's: not run
