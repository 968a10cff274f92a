"""The Rasa input channel for a WeChat Official Account: a thin sanic adapter.

URL: ``/webhooks/wechat/webhook``. Settings come from ``WECHAT_*`` environment
variables (``config.py``); without ``WECHAT_TOKEN`` the webhook answers 404.
Checks, crypto, parsing and rendering live in the sibling modules.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.forget import forget_conversation
from bot.channels.guard import APOLOGY_RESPONSE, OnNewMessage, guarded
from bot.channels.inputs import conversation_id, harden
from bot.channels.memory import MemoryUnavailable, memory_from_env
from bot.channels.payloads import payload_of
from bot.channels.responses import request_text
from bot.channels.wechat.api import CustomerServiceClient
from bot.channels.wechat.config import WeChatConfig, config_from_env
from bot.channels.wechat.envelope import open_push, reply_body, url_check_echo
from bot.channels.wechat.messages import ASK, FORGET, REPLY, Inbound
from bot.channels.wechat.render import TRANSFER, handoff_asked, join_messages, split_by_bytes
from bot.channels.wechat.security import (
    Refused,
    ReplayGuard,
)
from bot.channels.wechat.shared import SharedState
from bot.channels.wechat.state import Conversations
from bot.channels.wechat.turns import TurnRunner
from bot.menu import continue_keyword

logger = logging.getLogger(__name__)

SUCCESS = "success"
MORE = "utter_wechat_more"
# Domain responses the channel itself sends.
CHANNEL_RESPONSES = (
    "utter_wechat_send_text",
    "utter_wechat_unsupported",
    "utter_wechat_choose_number",
    "utter_wechat_more",
    "utter_wechat_sorry",
    "utter_wechat_transferring",
    "utter_wechat_staff_offline",
)


class WeChatInput(InputChannel):
    """WeChat Official Account server (服务器配置) as a Rasa input channel."""

    @classmethod
    def name(cls) -> str:
        """The channel name, which makes the URL ``/webhooks/wechat/webhook``."""
        return "wechat"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> WeChatInput:
        """Build from the environment (credentials.yml only names the channel)."""
        return cls(config_from_env())

    def __init__(self, config: Optional[WeChatConfig]) -> None:
        self.config = config
        memory = memory_from_env()
        self.replay = ReplayGuard(config.max_clock_skew_s, memory) if config else None
        self.conversations = Conversations(
            config.max_reply_bytes if config else 2048, memory=memory
        )
        shared = SharedState(memory)
        client = (
            CustomerServiceClient(config.api_base, config.appid, config.appsecret, shared=shared)
            if config and config.can_push
            else None
        )
        self.turns = TurnRunner(config.reply_budget_s if config else 0.0, client, shared)

    # -- sanic adapter ----------------------------------------------------------------

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        """Routes: GET for the platform's URL check, POST for pushes."""
        on_new_message = guarded(on_new_message)
        webhook = Blueprint("wechat_webhook", __name__)
        harden(webhook, self.name())

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok", "configured": self.config is not None})

        @webhook.route("/webhook", methods=["GET"])
        async def handshake(request: Request) -> HTTPResponse:
            if self.config is None:
                return response.text("wechat channel not configured", status=404)
            try:
                return response.text(url_check_echo(self.config, request.args))
            except Refused as refused:
                logger.warning("wechat URL check refused: %s", refused.reason)
                return response.text(refused.reason, status=refused.status)

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if self.config is None:
                return response.text("wechat channel not configured", status=404)
            assert self.replay is not None
            try:
                inbound = await open_push(
                    self.config, self.replay, request.body or b"", request.args
                )
            except Refused as refused:
                logger.warning("wechat push refused: %s", refused.reason)
                return response.text(refused.reason, status=refused.status)
            except MemoryUnavailable:  # replays cannot be told apart: let the platform retry
                logger.exception("wechat memory unavailable; push not checked for replay")
                return response.text("service unavailable", status=503)
            try:
                text = await self.answer(inbound, on_new_message, request)
            except MemoryUnavailable:
                logger.exception("wechat memory unavailable; %s not answered", inbound.sender)
                text = request_text(request, APOLOGY_RESPONSE)
            if text is None:
                return response.text(SUCCESS)
            nonce = request.args.get("nonce", "")
            body = reply_body(self.config, inbound, text, nonce)
            return response.text(body, content_type="application/xml")

        return webhook

    async def answer(
        self, inbound: Inbound, on_new_message: OnNewMessage, request: Request
    ) -> Optional[str]:
        """The passive reply text for a push, or None to answer ``success``."""
        if inbound.action == FORGET:
            await forget_conversation(
                request.app.ctx.agent.tracker_store, conversation_id(self.name(), inbound.sender)
            )
            await self.conversations.forget(inbound.sender)
            return None
        if inbound.action == REPLY:
            return request_text(request, inbound.text)
        if inbound.action != ASK:
            return None
        if inbound.written and await self.conversations.with_staff(inbound.sender):
            return TRANSFER  # waiting for the staff: they get the message, not the assistant
        if inbound.text.strip() == continue_keyword():
            rest = await self.conversations.next_part(inbound.sender, request_text(request, MORE))
            if rest is not None:
                return rest
        return await self.run_turn(inbound, on_new_message, request)

    async def run_turn(
        self, inbound: Inbound, on_new_message: OnNewMessage, request: Request
    ) -> Optional[str]:
        """Run the message once (retries join it, on any instance) and reply within the budget."""

        async def ask() -> List[str]:
            choice = await self.conversations.chosen(inbound.sender, inbound.text)
            text = payload_of(choice) if choice else inbound.text
            return await self.ask_assistant(inbound.sender, text, on_new_message, request)

        parts = await self.turns.run(inbound.dedup_key, inbound.sender, ask)
        if parts and len(parts) > 1:
            hint = request_text(request, MORE)
            return await self.conversations.with_more_hint(inbound.sender, parts, hint)
        return parts[0] if parts else None

    async def ask_assistant(
        self, sender: str, text: str, on_new_message: OnNewMessage, request: Request
    ) -> List[str]:
        """Send a message to Rasa; return the reply split into WeChat-sized parts (at least one).

        ``on_new_message`` is the guarded handler: a turn that fails or says nothing already
        holds the guard's apology. A turn whose messages hold no text (only an image or a
        custom payload) gets ``utter_wechat_sorry``: WeChat replies are text.
        """
        assert self.config is not None
        collector = CollectingOutputChannel()
        await on_new_message(
            UserMessage(
                text, collector, conversation_id(self.name(), sender), input_channel=self.name()
            )
        )
        joined, choices = join_messages(
            collector.messages, request_text(request, "utter_wechat_choose_number")
        )
        if self.config.kf_handoff and handoff_asked(collector.messages):
            if await self.hand_to_staff(sender, request):
                return [TRANSFER]
            joined = f"{request_text(request, 'utter_wechat_staff_offline')}\n{joined}"
        await self.conversations.offer(sender, choices)
        if not joined:
            return [request_text(request, "utter_wechat_sorry")]
        return split_by_bytes(joined, self.config.max_reply_bytes)

    async def hand_to_staff(self, sender: str, request: Request) -> bool:
        """Pass ``sender`` to the customer-service staff; False when none is online.

        With an AppSecret the staff's presence is checked first (``getonlinekflist``) and
        the person is told by a customer-service message that a person will answer.
        Without one, or when the check fails, the message is passed on regardless.
        """
        assert self.config is not None
        client = self.turns.client
        if client is not None:
            try:
                if not await client.staff_online():
                    return False
            except Exception:
                logger.warning("wechat staff presence unknown; passing %s on", sender)
        await self.conversations.hand_over(sender, self.config.kf_hold_s)
        if client is not None:
            notice = request_text(request, "utter_wechat_transferring")
            self.turns.spawn(self.turns.notify(sender, notice))
        return True
