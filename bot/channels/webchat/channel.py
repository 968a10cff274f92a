"""The web chat channel: serves the page and answers it as a Rasa input channel.

URLs under ``/webhooks/webchat/``: the page (``/``), its static files, ``/config``
(the page's texts from domain.yml and the menu from ``bot/menu.yml``), ``/session``
(POST → a new server-signed sender token, ``sessions.py``) and ``/webhook`` (POST
``{"sender": token, "message"}`` as ``application/json`` → the bot's messages as JSON).
Every response carries a Content-Security-Policy that allows only the page's own files
and, by default, no framing (``WEBCHAT_FRAME_ANCESTORS`` names the sites that may frame it).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
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
from bot.channels.payloads import payload_of
from bot.channels.responses import request_text
from bot.channels.webchat.sessions import SessionIssuer, load_secret
from bot.menu import menu_buttons

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().with_name("static")
STATIC_TYPES = {
    ".html": "text/html",
    ".css": "text/css",
    ".js": "application/javascript",
    ".svg": "image/svg+xml",
}
STATIC_FILES = frozenset(
    path.name for path in STATIC_DIR.iterdir() if path.suffix in STATIC_TYPES and path.is_file()
)
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors {ancestors}"
)
# Domain responses holding the page's own words, by the key the page uses.
PAGE_TEXTS = {
    "title": "utter_webchat_title",
    "placeholder": "utter_webchat_placeholder",
    "send": "utter_webchat_send",
    "offline": "utter_webchat_offline",
    "source_prefix": "utter_webchat_source_prefix",
    "helped": "utter_webchat_helped",
    "missed": "utter_webchat_missed",
    "feedback_prompt": "utter_webchat_feedback_prompt",
}


class WebChatInput(InputChannel):
    """Serves the chat page and its webhook."""

    @classmethod
    def name(cls) -> str:
        """The channel name, which makes the URLs ``/webhooks/webchat/...``."""
        return "webchat"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> WebChatInput:
        """Settings come from the environment (``WEBCHAT_SECRET``, ``WEBCHAT_FRAME_ANCESTORS``)."""
        return cls(
            SessionIssuer(load_secret()),
            os.environ.get("WEBCHAT_FRAME_ANCESTORS", "").strip() or "'none'",
        )

    def __init__(self, sessions: SessionIssuer, frame_ancestors: str = "'none'") -> None:
        self.sessions = sessions
        self.headers = {
            "Content-Security-Policy": CSP.format(ancestors=frame_ancestors),
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
        }
        if frame_ancestors == "'none'":
            self.headers["X-Frame-Options"] = "DENY"

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        """Routes for the page, its files, its texts, sessions and messages."""
        on_new_message = guarded(on_new_message)
        webchat = Blueprint("webchat_webhook", __name__)
        harden(webchat, self.name())

        @webchat.middleware("response")
        async def secure(_: Request, reply: HTTPResponse) -> None:
            reply.headers.update(self.headers)

        @webchat.route("/", methods=["GET"])
        async def page(_: Request) -> HTTPResponse:
            return static_file("index.html")

        @webchat.route("/static/<name>", methods=["GET"])
        async def static(_: Request, name: str) -> HTTPResponse:
            return static_file(name)

        @webchat.route("/config", methods=["GET"])
        async def config(request: Request) -> HTTPResponse:
            texts = {key: request_text(request, name) for key, name in PAGE_TEXTS.items()}
            menu = [{"title": b.title, "payload": payload_of(b)} for b in menu_buttons()]
            return response.json({"texts": texts, "menu": menu})

        @webchat.route("/session", methods=["POST"])
        async def session(request: Request) -> HTTPResponse:
            if await address_refusal(request.ip) is not None:
                return response.json({"error": "too many requests"}, status=429)
            return response.json({"sender": self.sessions.issue()})

        @webchat.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                token, message = read_json_message(request)
            except BadInput as refused:
                logger.info("webchat request refused: %s", refused.reason)
                return response.json({"error": refused.reason}, status=refused.status)
            session_id = self.sessions.session_of(token)
            if session_id is None:
                return response.json({"error": "unknown session"}, status=403)
            refusal = await address_refusal(request.ip)
            if refusal is not None:
                return response.json([{"recipient_id": token, "text": refusal}])
            collector = CollectingOutputChannel()
            conversation = conversation_id(self.name(), session_id)
            await on_new_message(
                UserMessage(message, collector, conversation, input_channel=self.name())
            )
            return response.json([{**m, "recipient_id": token} for m in collector.messages])

        return webchat


def static_file(name: str) -> HTTPResponse:
    """A file of the page: only the names found in the static folder at start."""
    if name not in STATIC_FILES:
        return response.text("not found", status=404)
    path = STATIC_DIR / name
    return response.text(
        path.read_text(encoding="utf-8"),
        content_type=f"{STATIC_TYPES[path.suffix]}; charset=utf-8",
        headers={"Cache-Control": "no-cache"},
    )
