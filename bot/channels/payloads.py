"""Rasa's payload syntax (``/intent{"entity": "value"}``) for buttons, in one place.

The answers name a button's intent and entities (``bot.replies.Button``); the Rasa
layer (the actions, the channels) writes and reads them as payload text.
"""

from __future__ import annotations

import json
import re
from typing import Optional

from bot.replies import Button

_PAYLOAD = re.compile(r"/(\w+)(\{.*\})?", re.DOTALL)


def payload_of(button: Button) -> str:
    """The message a button sends: ``/intent`` or ``/intent{"entity": "value"}``."""
    if not button.entities:
        return f"/{button.intent}"
    return f"/{button.intent}{json.dumps(dict(button.entities), ensure_ascii=False)}"


def button_from(title: str, payload: str) -> Optional[Button]:
    """The button a Rasa payload stands for; None when it is not ``/intent{...}`` syntax."""
    match = _PAYLOAD.fullmatch(payload.strip())
    if not match:
        return None
    entities = {}
    if match.group(2):
        try:
            entities = json.loads(match.group(2))
        except ValueError:
            return None
        if not isinstance(entities, dict):
            return None
    return Button(title, match.group(1), tuple((str(k), str(v)) for k, v in entities.items()))
