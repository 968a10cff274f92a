"""Rasa events as the tracker store holds them, for the report's tests."""

from __future__ import annotations

from typing import List, Optional

from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered

T0 = 1_795_000_000.0  # 2026-11-18 UTC


def user(text: str, intent: str, at: float, confidence: float = 0.95) -> dict:
    parse = {
        "intent": {"name": intent, "confidence": confidence},
        "intent_ranking": [{"name": intent, "confidence": confidence}],
        "entities": [],
    }
    return UserUttered(
        text, parse["intent"], [], parse, timestamp=at, input_channel="rest"
    ).as_dict()


def reply(response: str, cited: bool = True, at: float = T0) -> List[dict]:
    metadata = {
        "utter_action": response,
        **({"source": "《宁波市失业保险金领取指南》"} if cited else {}),
    }
    return [
        ActionExecuted("action_answer", timestamp=at).as_dict(),
        BotUttered("……", metadata=metadata, timestamp=at).as_dict(),
        ActionExecuted("action_listen", timestamp=at).as_dict(),
    ]


def slot(name: str, value: Optional[str], at: float = T0) -> dict:
    return SlotSet(name, value, timestamp=at).as_dict()
