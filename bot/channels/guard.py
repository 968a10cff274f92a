"""Wrap a channel's message handler: a short apology instead of silence when storage fails.

Rasa falls back to an in-memory tracker when its tracker store fails, which would
silently answer from an empty conversation; and a lock store that fails raises. The
guard checks both stores before each message and turns any failure into the
``utter_service_unavailable`` response plus a logged error.
"""

from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import UserMessage
from sanic import Sanic

from bot.stores.health import StorageHealth

logger = logging.getLogger(__name__)

APOLOGY_RESPONSE = "utter_service_unavailable"
RASA_APP_NAME = "rasa_server"

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]
_health = StorageHealth()


def _agent() -> Any:
    try:
        return Sanic.get_app(RASA_APP_NAME).ctx.agent
    except Exception:
        return Sanic.get_app().ctx.agent


async def apologise(agent: Any, message: UserMessage) -> None:
    """Send the apology response to the message's output channel."""
    variants = agent.domain.responses.get(APOLOGY_RESPONSE) or [{}]
    await message.output_channel.send_text_message(message.sender_id, variants[0].get("text", ""))


def guarded(on_new_message: OnNewMessage) -> OnNewMessage:
    """``on_new_message`` that apologises when the stores are down or handling fails."""

    async def handle(message: UserMessage) -> None:
        agent = _agent()
        problem = await _health.problem(agent)
        if problem:
            logger.error("message from %s not handled: %s", message.sender_id, problem)
            await apologise(agent, message)
            return
        try:
            await on_new_message(message)
        except Exception:
            logger.exception("message from %s failed", message.sender_id)
            await apologise(agent, message)

    return handle
