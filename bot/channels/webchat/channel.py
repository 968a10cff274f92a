"""The web chat channel: serves the page and answers it as a Rasa input channel.

URLs under ``/webhooks/webchat/``: the page (``/``), its static files, ``/config``
(the page's texts from domain.yml and the menu from the WeChat menu file) and
``/webhook`` (POST ``{"sender", "message"}`` → the bot's messages as JSON).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any, Dict, Optional

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.guard import OnNewMessage, guarded
from bot.channels.wechat.menu import menu_buttons

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().with_name("static")
STATIC_TYPES = {
    ".html": "text/html",
    ".css": "text/css",
    ".js": "application/javascript",
    ".svg": "image/svg+xml",
}
SENDER = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
MAX_MESSAGE_CHARS = 2000
# Domain responses holding the page's own words, by the key the page uses.
PAGE_TEXTS = {
    "title": "utter_webchat_title",
    "placeholder": "utter_webchat_placeholder",
    "send": "utter_webchat_send",
    "offline": "utter_webchat_offline",
    "source_prefix": "utter_webchat_source_prefix",
}


class WebChatInput(InputChannel):
    """Serves the chat page and its webhook."""

    @classmethod
    def name(cls) -> str:
        """The channel name, which makes the URLs ``/webhooks/webchat/...``."""
        return "webchat"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> WebChatInput:
        """No settings are needed."""
        return cls()

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        """Routes for the page, its files, its texts and its messages."""
        on_new_message = guarded(on_new_message)
        webchat = Blueprint("webchat_webhook", __name__)

        @webchat.route("/", methods=["GET"])
        async def page(_: Request) -> HTTPResponse:
            return static_file("index.html")

        @webchat.route("/static/<name>", methods=["GET"])
        async def static(_: Request, name: str) -> HTTPResponse:
            return static_file(name)

        @webchat.route("/config", methods=["GET"])
        async def config(request: Request) -> HTTPResponse:
            responses = request.app.ctx.agent.domain.responses
            texts = {key: first_text(responses, name) for key, name in PAGE_TEXTS.items()}
            menu = [{"title": b.name, "payload": b.payload} for b in menu_buttons()]
            return response.json({"texts": texts, "menu": menu})

        @webchat.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                sender, message = parse_request(request)
            except ValueError as error:
                return response.json({"error": str(error)}, status=400)
            collector = CollectingOutputChannel()
            await on_new_message(UserMessage(message, collector, sender, input_channel=self.name()))
            return response.json(collector.messages)

        return webchat


def parse_request(request: Request) -> tuple[str, str]:
    """Sender and message of a page request; ValueError with a reason otherwise."""
    try:
        payload = request.json
    except Exception as error:
        raise ValueError("body must be JSON") from error
    if not isinstance(payload, dict):
        raise ValueError("body must be a JSON object")
    sender, message = payload.get("sender"), payload.get("message")
    if not isinstance(sender, str) or not SENDER.match(sender):
        raise ValueError("sender must be 1-64 letters, digits, '-' or '_'")
    if not isinstance(message, str) or not message.strip():
        raise ValueError("message must be non-empty text")
    if len(message) > MAX_MESSAGE_CHARS:
        raise ValueError(f"message longer than {MAX_MESSAGE_CHARS} characters")
    return sender, message


def static_file(name: str) -> HTTPResponse:
    """A file of the page (only plain names in the static folder)."""
    path = STATIC_DIR / name
    if "/" in name or name.startswith(".") or path.suffix not in STATIC_TYPES or not path.is_file():
        return response.text("not found", status=404)
    return response.text(
        path.read_text(encoding="utf-8"),
        content_type=f"{STATIC_TYPES[path.suffix]}; charset=utf-8",
        headers={"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"},
    )


def first_text(responses: Dict[str, Any], name: str) -> str:
    """The first text of a domain response."""
    variants = responses.get(name) or [{}]
    return str(variants[0].get("text", ""))
