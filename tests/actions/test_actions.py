"""The custom actions, run with fresh rasa-sdk Tracker, Dispatcher and domain per test."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import ActionAnswer

DOMAIN_FILE = Path(__file__).resolve().parents[2] / "domain.yml"
SLOTS = ("user_region", "user_area", "topic", "user_benefit", "contribution_months")


@pytest.fixture
def domain() -> Dict[str, Any]:
    """The domain as the action server receives it."""
    return yaml.safe_load(DOMAIN_FILE.read_text(encoding="utf-8"))


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    """A fresh dispatcher."""
    return CollectingDispatcher()


def tracker(
    text: str,
    intent: str,
    entities: Optional[List[Dict[str, Any]]] = None,
    ranking: Optional[List[Tuple[str, float]]] = None,
    **slots: Any,
) -> Tracker:
    """A tracker whose latest message is ``text`` classified as ``intent`` (then ``ranking``)."""
    values = {name: None for name in SLOTS}
    values.update(slots)
    message = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.9},
        "intent_ranking": [{"name": name, "confidence": c} for name, c in ranking or []],
        "entities": entities or [],
    }
    return Tracker("tester", values, message, [], False, None, {}, "action_listen")


def run(action, dispatcher, tracker_, domain):
    """Run an async action to completion."""
    return asyncio.run(action.run(dispatcher, tracker_, domain))


def slot_values(events) -> Dict[str, Any]:
    """Slot name to value from SlotSet events."""
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def test_answer_sets_context_and_utters_domain_response(dispatcher, domain):
    events = run(ActionAnswer(), dispatcher, tracker("温州鹿城区在哪办", "ask_office"), domain)
    # only the slots that changed are set: every event is replayed on later turns
    values = slot_values(events)
    (echo,) = values.pop("last_reply")
    assert len(echo) == 10
    assert values == {
        "user_region": "温州市",
        "user_area": "鹿城区",
        "topic": "address",
        "last_asks": ["topic:address::"],
    }
    (message,) = dispatcher.messages
    assert message["response"] == "utter_office_address"
    assert message["address"].startswith("鹿城区车站大道554号")
    assert message["response"] in domain["responses"]


def test_follow_up_uses_remembered_topic(dispatcher, domain):
    previous = {"user_region": "温州市", "user_area": "鹿城区", "topic": "address"}
    events = run(ActionAnswer(), dispatcher, tracker("那瓯海区呢", "inform", **previous), domain)
    assert slot_values(events)["user_area"] == "瓯海区"
    assert "娄桥街道" in dispatcher.messages[0]["address"]


def test_contribution_follow_up_computes_months(dispatcher, domain):
    previous = {"topic": "duration", "user_region": "宁波市"}
    events = run(ActionAnswer(), dispatcher, tracker("交了两年", "inform", **previous), domain)
    assert slot_values(events)["contribution_months"] == 24.0
    assert dispatcher.messages[0]["response"] == "utter_duration_result"
    assert dispatcher.messages[0]["months"] == "3"


def test_entity_values_count_like_text(dispatcher, domain):
    entities = [{"entity": "region", "value": "昆明市", "start": 0, "end": 0}]
    run(
        ActionAnswer(),
        dispatcher,
        tracker("/inform", "inform", entities, topic="documents"),
        domain,
    )
    assert dispatcher.messages[0]["response"] == "utter_documents_online"


def test_missing_region_asks_with_buttons(dispatcher, domain):
    events = run(ActionAnswer(), dispatcher, tracker("要带什么材料", "ask_documents"), domain)
    assert slot_values(events)["topic"] == "documents"
    (message,) = dispatcher.messages
    assert message["response"] == "utter_ask_region"
    assert [b["title"] for b in message["buttons"]] == ["吉林省", "昆明市", "宁波市", "温州市"]
    assert message["buttons"][0]["payload"] == '/inform{"region": "吉林省"}'


def test_low_confidence_without_places_asks_to_rephrase(dispatcher, domain):
    previous = {"user_region": "宁波市", "topic": "amount"}
    events = run(ActionAnswer(), dispatcher, tracker("嗯哼哈", "nlu_fallback", **previous), domain)
    assert dispatcher.messages[0]["response"] == "utter_default"
    assert "user_region" not in slot_values(events)  # kept: not set again


FALLBACK = ("nlu_fallback", 0.35)


@pytest.mark.parametrize(
    "ranking, response",
    [
        # Two question intents tie: answered as the first (with the area's office card).
        ([FALLBACK, ("ask_apply_process", 0.41), ("ask_office", 0.41)], "utter_process_online"),
        ([FALLBACK, ("ask_office", 0.42), ("ask_apply_process", 0.40)], "utter_office_address"),
        # No tie: the message's own words ("在哪") ask where, so the office is given.
        ([FALLBACK, ("ask_office", 0.45), ("inform", 0.44)], "utter_office_address"),
        (
            [FALLBACK, ("ask_office", 0.2), ("ask_phone", 0.19), ("ask_hours", 0.18)],
            "utter_office_address",
        ),
        ([FALLBACK], "utter_office_address"),
    ],
)
def test_fallback_between_two_questions_answers_the_first(
    dispatcher, domain, ranking, response
) -> None:
    message = tracker("昆明官渡区在哪办失业金", "nlu_fallback", ranking=ranking)
    run(ActionAnswer(), dispatcher, message, domain)
    assert dispatcher.messages[0]["response"] == response


@pytest.mark.parametrize(
    "ranking", [[FALLBACK, ("ask_office", 0.45), ("inform", 0.44)], [FALLBACK]]
)
def test_fallback_without_question_words_only_notes_the_place(dispatcher, domain, ranking):
    message = tracker("昆明官渡区的失业金", "nlu_fallback", ranking=ranking)
    run(ActionAnswer(), dispatcher, message, domain)
    assert dispatcher.messages[0]["response"] == "utter_noted"


def test_greeting_lists_covered_regions(dispatcher, domain):
    run(ActionAnswer(), dispatcher, tracker("你好", "greet"), domain)
    (message,) = dispatcher.messages
    assert message["response"] == "utter_greet"
    assert message["regions"] == "吉林省、昆明市、宁波市、温州市"
    titles = [button["title"] for button in message["buttons"]]
    assert titles == ["领取条件", "申领材料", "办理地点", "待遇计算"]  # the menu, bot/menu.yml
    assert message["buttons"][1]["payload"] == "/ask_documents"


def test_case_facts_survive_in_slots_and_answer_the_ask_back(dispatcher, domain):
    first = run(
        ActionAnswer(),
        dispatcher,
        tracker("宁波合同到期不续签，能领失业金吗", "ask_eligibility"),
        domain,
    )
    slots = slot_values(first)
    assert slots["case_separation"] == "contract_ended"
    assert slots["requested_fact"] == "contribution"
    second_dispatcher = CollectingDispatcher()
    events = run(ActionAnswer(), second_dispatcher, tracker("交了两年", "inform", **slots), domain)
    (message,) = second_dispatcher.messages
    assert message["response"] == "utter_verdict_yes"
    assert slot_values(events)["contribution_months"] == 24.0
    assert slot_values(events)["requested_fact"] is None


def test_affirm_answers_a_yes_no_ask_back(dispatcher, domain):
    first = run(
        ActionAnswer(), dispatcher, tracker("吉林的补助金我能领吗", "ask_eligibility"), domain
    )
    slots = slot_values(first)
    assert slots["requested_fact"] == "insurance_expired"
    second_dispatcher = CollectingDispatcher()
    events = run(ActionAnswer(), second_dispatcher, tracker("是的", "affirm", **slots), domain)
    assert second_dispatcher.messages[0]["response"] == "utter_verdict_yes_window"
    assert slot_values(events)["case_insurance_expired"] is True


def test_affirm_without_a_pending_question_is_not_an_answer(dispatcher, domain):
    run(ActionAnswer(), dispatcher, tracker("好的", "affirm"), domain)
    assert dispatcher.messages[0]["response"] == "utter_how_can_help"


def test_a_new_session_carries_each_slot_once(dispatcher, domain):
    from actions.actions import ActionSessionStart

    slots = {"user_region": "宁波市", "topic": "duration", "contribution_months": 24.0}
    events = run(ActionSessionStart(), dispatcher, tracker("你好", "greet", **slots), domain)
    assert events[0]["event"] == "session_started"
    assert events[-1] == {**events[-1], "event": "action", "name": "action_listen"}
    assert slot_values(events) == slots
    assert len([e for e in events if e["event"] == "slot"]) == len(slots)
