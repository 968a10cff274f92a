"""The REST channel (``/webhooks/rest/webhook``) for trusted back ends, bounded and guarded.

It speaks Rasa's REST protocol (``{"sender", "message"}`` in, the bot's messages out)
with these differences: the body must be a JSON object of at most 8 KiB sent as
``application/json``; ``sender`` is required and plain (``bot.channels.inputs``);
client ``metadata``, ``input_channel`` and streaming are not taken; with ``REST_TOKEN``
set, requests need ``Authorization: Bearer <token>``. The conversation is
``rest:<sender>``, so no REST client can reach a WeChat or web chat conversation.
"""

from __future__ import annotations

import hmac
import logging
import os
from typing import Any, Dict, Optional

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.guard import OnNewMessage, address_refusal, guarded
from bot.channels.inputs import (
    BadInput,
    conversation_id,
    harden,
    read_json_message,
)

logger = logging.getLogger(__name__)


class GuardedRestInput(InputChannel):
    """Rasa's REST protocol with bounded input, an optional token and the guard."""

    @classmethod
    def name(cls) -> str:
        """The channel name, which makes the URL ``/webhooks/rest/webhook``."""
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> GuardedRestInput:
        """The token comes from ``REST_TOKEN`` (credentials.yml only names the channel)."""
        return cls(os.environ.get("REST_TOKEN", "").strip())

    def __init__(self, token: str = "") -> None:
        self.token = token

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        """A health route and the webhook."""
        on_new_message = guarded(on_new_message)
        rest = Blueprint("guarded_rest_webhook", __name__)
        harden(rest, self.name())

        @rest.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @rest.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                self.check_token(request)
                sender, text = read_json_message(request)
            except BadInput as refused:
                logger.info("rest request refused: %s", refused.reason)
                return response.json({"error": refused.reason}, status=refused.status)
            refusal = await address_refusal(request.ip)
            if refusal is not None:
                return response.json([{"recipient_id": sender, "text": refusal}])
            collector = CollectingOutputChannel()
            conversation = conversation_id(self.name(), sender)
            await on_new_message(
                UserMessage(text, collector, conversation, input_channel=self.name())
            )
            return response.json([{**m, "recipient_id": sender} for m in collector.messages])

        return rest

    def check_token(self, request: Request) -> None:
        """With a token configured, BadInput (401) unless the request bears it."""
        if not self.token:
            return
        given = request.headers.get("authorization", "")
        expected = f"Bearer {self.token}"
        if not hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8")):
            raise BadInput(401, "a valid Authorization: Bearer token is required")
