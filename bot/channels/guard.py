"""Wrap a channel's message handler: bounded input, and an apology instead of silence.

Rasa falls back to an in-memory tracker when its tracker store fails, which would
silently answer from an empty conversation; a lock store that fails raises; an action
server that is down makes the turn end without a word (Rasa logs and goes on). The
guard checks both stores before each message, and turns a failure, or a turn that
produced no message at all, into the ``utter_service_unavailable`` response plus a
logged error. Before any of that, the message text is cleaned of control characters
and a message longer than the bound gets ``utter_message_too_long`` without running
the model or being stored (``bot.channels.inputs``); so does a sender past its share of
messages, with ``utter_rate_limited`` (``bot.channels.fairness``).
"""

from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable, Optional

from rasa.core.channels.channel import UserMessage
from sanic import Sanic

from bot.channels.fairness import RATE_LIMITED_RESPONSE, fair_share
from bot.channels.inputs import clean_text, max_message_chars, without_control_commands
from bot.channels.responses import agent_text
from bot.stores.health import StorageHealth

logger = logging.getLogger(__name__)

APOLOGY_RESPONSE = "utter_service_unavailable"
TOO_LONG_RESPONSE = "utter_message_too_long"
# Domain responses the guard itself sends.
GUARD_RESPONSES = (APOLOGY_RESPONSE, TOO_LONG_RESPONSE, RATE_LIMITED_RESPONSE)
RASA_APP_NAME = "rasa_server"

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]
_health = StorageHealth()


def _agent() -> Any:
    try:
        return Sanic.get_app(RASA_APP_NAME).ctx.agent
    except Exception:
        return Sanic.get_app().ctx.agent


async def say(agent: Any, message: UserMessage, response: str) -> None:
    """Send the first text of a domain response to the message's output channel."""
    await message.output_channel.send_text_message(message.sender_id, agent_text(agent, response))


async def address_refusal(address: str) -> Optional[str]:
    """The text to send instead of running the turn, for a client address past its share."""
    if await fair_share().address_admitted(address):
        return None
    logger.warning("request from an address over its share: not run")
    return agent_text(_agent(), RATE_LIMITED_RESPONSE)


async def apologise(agent: Any, message: UserMessage) -> None:
    """Send the apology response to the message's output channel."""
    await say(agent, message, APOLOGY_RESPONSE)


def _sent(message: UserMessage) -> Optional[int]:
    """How many messages the output channel holds, where it collects them."""
    collected = getattr(message.output_channel, "messages", None)
    return len(collected) if isinstance(collected, list) else None


def guarded(on_new_message: OnNewMessage) -> OnNewMessage:
    """``on_new_message`` that apologises when the stores are down or handling fails."""

    async def handle(message: UserMessage) -> None:
        agent = _agent()
        message.text = without_control_commands(clean_text(message.text or ""))
        if len(message.text) > max_message_chars():
            logger.info(
                "%d-character message from %s not run", len(message.text), message.sender_id
            )
            await say(agent, message, TOO_LONG_RESPONSE)
            return
        if not await fair_share().sender_admitted(message.sender_id):
            logger.warning("message from %s over its share: not run", message.sender_id)
            await say(agent, message, RATE_LIMITED_RESPONSE)
            return
        problem = await _health.problem(agent)
        if problem:
            logger.error("message from %s not handled: %s", message.sender_id, problem)
            await apologise(agent, message)
            return
        sent_before = _sent(message)
        try:
            await on_new_message(message)
        except Exception:
            logger.exception("message from %s failed", message.sender_id)
            await apologise(agent, message)
            return
        if sent_before is not None and _sent(message) == sent_before:
            logger.error("no reply to %s (is the action server up?)", message.sender_id)
            await apologise(agent, message)

    return handle
