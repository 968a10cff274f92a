"""The real actions, with ``action_answer`` made slow on purpose for messages that ask for it."""

from __future__ import annotations

import asyncio
from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import ActionAnswer

SLOW_MARKER = "慢慢"
DELAY_S = 3.0


class SlowActionAnswer(ActionAnswer):
    """``action_answer``, sleeping first when the message contains the marker."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Delay, then answer as usual."""
        if SLOW_MARKER in (tracker.latest_message or {}).get("text", ""):
            await asyncio.sleep(DELAY_S)
        return await super().run(dispatcher, tracker, domain)
