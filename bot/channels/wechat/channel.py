"""The Rasa input channel for a WeChat Official Account: a thin sanic adapter.

URL: ``/webhooks/wechat/webhook``. Settings come from ``WECHAT_*`` environment
variables (``config.py``); without ``WECHAT_TOKEN`` the webhook answers 404.
Checks, crypto, parsing and rendering live in the sibling modules.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from dataclasses import dataclass, field
from typing import Any, Awaitable, Dict, List, Optional, Set

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from redis.exceptions import RedisError
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.forget import forget_conversation
from bot.channels.guard import APOLOGY_RESPONSE, OnNewMessage, guarded
from bot.channels.inputs import contain_errors, conversation_id, limit_request_size
from bot.channels.wechat.api import CustomerServiceClient
from bot.channels.wechat.config import WeChatConfig, config_from_env
from bot.channels.wechat.crypto import decrypt_push, encrypt_reply
from bot.channels.wechat.menu import continue_keyword
from bot.channels.wechat.messages import ASK, FORGET, REPLY, Inbound, parse_push
from bot.channels.wechat.render import chosen_number, join_messages, split_by_bytes, text_reply_xml
from bot.channels.wechat.security import (
    Refused,
    ReplayGuard,
    check_body,
    check_signature,
    check_timestamp,
    utf8_text,
)
from bot.channels.wechat.shared import SharedState
from bot.channels.wechat.state import Conversations, ExpiringDict

logger = logging.getLogger(__name__)

SUCCESS = "success"
ECHO = re.compile(r"[A-Za-z0-9_-]{1,128}")
# Without an AppSecret nothing can be pushed later: wait this long for a slow turn,
# past the platform's 5 s, so that its retry of the same push gets the reply.
WAIT_WITHOUT_PUSH_S = 14.0
# Domain responses the channel itself sends.
CHANNEL_RESPONSES = (
    "utter_wechat_send_text",
    "utter_wechat_unsupported",
    "utter_wechat_choose_number",
    "utter_wechat_more",
    "utter_wechat_sorry",
)


@dataclass
class Turn:
    """One pushed message being answered, shared by the platform's retries of it."""

    task: asyncio.Task[List[str]]
    pushed: bool = False
    rest_sent: bool = False
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


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
        self.replay = ReplayGuard(config.max_clock_skew_s) if config else None
        self.turns: ExpiringDict[Turn] = ExpiringDict(600.0)
        self.conversations = Conversations()
        self._background: Set[asyncio.Task[None]] = set()
        self.shared = SharedState(config.redis_url) if config and config.redis_url else None
        self.client = (
            CustomerServiceClient(
                config.api_base, config.appid, config.appsecret, shared=self.shared
            )
            if config and config.can_push
            else None
        )

    def spawn(self, coroutine: Awaitable[None]) -> None:
        """Run a background coroutine, keeping a reference until it ends."""
        task = asyncio.ensure_future(coroutine)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    # -- sanic adapter ----------------------------------------------------------------

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        """Routes: GET for the platform's URL check, POST for pushes."""
        on_new_message = guarded(on_new_message)
        webhook = Blueprint("wechat_webhook", __name__)
        limit_request_size(webhook)
        contain_errors(webhook, self.name())

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok", "configured": self.config is not None})

        @webhook.route("/webhook", methods=["GET"])
        async def handshake(request: Request) -> HTTPResponse:
            if self.config is None:
                return response.text("wechat channel not configured", status=404)
            args = request.args
            timestamp, nonce = args.get("timestamp", ""), args.get("nonce", "")
            echo = args.get("echostr", "")
            try:
                check_timestamp(timestamp, self.config.max_clock_skew_s)
                check_signature(self.config.token, args.get("signature"), timestamp, nonce)
                if not ECHO.fullmatch(echo):
                    raise Refused(400, "missing or malformed echostr")
            except Refused as refused:
                logger.warning("wechat URL check refused: %s", refused.reason)
                return response.text(refused.reason, status=refused.status)
            return response.text(echo)

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if self.config is None:
                return response.text("wechat channel not configured", status=404)
            try:
                inbound = self.verified_push(request)
            except Refused as refused:
                logger.warning("wechat push refused: %s", refused.reason)
                return response.text(refused.reason, status=refused.status)
            text = await self.answer(inbound, on_new_message, request)
            if text is None:
                return response.text(SUCCESS)
            return response.text(
                self.reply_body(inbound, text, request), content_type="application/xml"
            )

        return webhook

    # -- protocol --------------------------------------------------------------------------

    def verified_push(self, request: Request) -> Inbound:
        """The push, after every check; Refused with a 4xx status otherwise."""
        config = self.config
        assert config is not None and self.replay is not None
        body: bytes = request.body or b""
        check_body(body, config.max_body_bytes)
        args = request.args
        timestamp, nonce = args.get("timestamp", ""), args.get("nonce", "")
        check_timestamp(timestamp, config.max_clock_skew_s)
        check_signature(config.token, args.get("signature"), timestamp, nonce)
        if config.safe:
            xml = decrypt_push(config, body, args.get("msg_signature", ""), timestamp, nonce)
            check_body(xml.encode("utf-8"), config.max_body_bytes)
        else:
            xml = utf8_text(body)
        self.replay.check(timestamp, nonce)
        return parse_push(xml)

    def reply_body(self, inbound: Inbound, text: str, request: Request) -> str:
        """A passive text reply, encrypted in safe mode."""
        assert self.config is not None
        now = int(time.time())
        xml = text_reply_xml(inbound.sender, inbound.account, text, now)
        if self.config.safe:
            return encrypt_reply(self.config, xml, request.args.get("nonce", ""), str(now))
        return xml

    async def answer(
        self, inbound: Inbound, on_new_message: OnNewMessage, request: Request
    ) -> Optional[str]:
        """The passive reply text for a push, or None to answer ``success``."""
        if inbound.action == FORGET:
            await forget_conversation(
                request.app.ctx.agent.tracker_store, conversation_id(self.name(), inbound.sender)
            )
            self.conversations.choices.pop(inbound.sender)
            self.conversations.continuations.pop(inbound.sender)
            return None
        if inbound.action == REPLY:
            return domain_text(request, inbound.text)
        if inbound.action != ASK:
            return None
        rest = self.conversations.continuations.get(inbound.sender)
        if rest and inbound.text.strip() == continue_keyword():
            return self.next_part(inbound.sender, rest, request)
        return await self.run_turn(inbound, on_new_message, request)

    async def run_turn(
        self, inbound: Inbound, on_new_message: OnNewMessage, request: Request
    ) -> Optional[str]:
        """Run the message once (retries join it, on any instance) and reply within the budget."""
        try:
            return await self._run_turn(inbound, on_new_message, request)
        except RedisError:
            logger.exception("shared wechat state unavailable; %s not answered", inbound.sender)
            return domain_text(request, APOLOGY_RESPONSE)

    async def _run_turn(
        self, inbound: Inbound, on_new_message: OnNewMessage, request: Request
    ) -> Optional[str]:
        key = inbound.dedup_key
        turn = self.turns.get(key)
        if turn is None:
            if self.shared and not await self.shared.claim(key):
                return await self.remote_reply(key)
            text = self.resolve_choice(inbound)
            task = asyncio.ensure_future(
                self.ask_assistant(inbound.sender, text, on_new_message, request)
            )
            if self.shared:
                shared = self.shared
                task.add_done_callback(lambda done: self.spawn(shared.publish(key, done.result())))
            turn = Turn(task)
            self.turns.set(key, turn)
        if turn.pushed:
            return None
        done, _ = await asyncio.wait({turn.task}, timeout=self.wait_s())
        async with turn.lock:
            if turn.pushed:
                return None
            if not done:
                if self.client is None:
                    return None
                turn.pushed = True
                if self.shared:
                    await self.shared.mark_pushed(key)
                turn.task.add_done_callback(
                    lambda task: self.spawn(self.push(inbound.sender, task, 0))
                )
                return None
            parts = turn.task.result() or [domain_text(request, "utter_wechat_sorry")]
            if len(parts) > 1 and not turn.rest_sent:
                turn.rest_sent = True
                if self.client:
                    self.spawn(self.push(inbound.sender, turn.task, 1))
                else:
                    return self.with_more_hint(inbound.sender, parts, request)
            return parts[0]

    def wait_s(self) -> float:
        """How long a request waits for its reply before answering ``success``."""
        assert self.config is not None
        return self.config.reply_budget_s if self.client else WAIT_WITHOUT_PUSH_S

    async def remote_reply(self, key: str) -> Optional[str]:
        """Wait for another instance's reply to the same push (a retry that landed here)."""
        assert self.shared is not None
        deadline = time.monotonic() + self.wait_s()
        while time.monotonic() < deadline:
            if await self.shared.pushed(key):
                return None
            parts = await self.shared.result(key)
            if parts:
                return parts[0]
            await asyncio.sleep(0.05)
        return None

    def resolve_choice(self, inbound: Inbound) -> str:
        """A bare number answering the last numbered choices becomes that choice's payload."""
        number = chosen_number(inbound.text)
        choices = self.conversations.choices.get(inbound.sender)
        if number is None or not choices or not 1 <= number <= len(choices):
            return inbound.text
        self.conversations.choices.pop(inbound.sender)
        return choices[number - 1].payload

    async def ask_assistant(
        self, sender: str, text: str, on_new_message: OnNewMessage, request: Request
    ) -> List[str]:
        """Send a message to Rasa; return the reply split into WeChat-sized parts."""
        assert self.config is not None
        collector = CollectingOutputChannel()
        try:
            await on_new_message(
                UserMessage(
                    text, collector, conversation_id(self.name(), sender), input_channel=self.name()
                )
            )
        except Exception:
            logger.exception("assistant failed on a wechat message from %s", sender)
            return [domain_text(request, "utter_wechat_sorry")]
        joined, choices = join_messages(
            collector.messages, domain_text(request, "utter_wechat_choose_number")
        )
        if choices:
            self.conversations.choices.set(sender, choices)
        else:
            self.conversations.choices.pop(sender)
        if not joined:
            return [domain_text(request, "utter_wechat_sorry")]
        return split_by_bytes(joined, self.config.max_reply_bytes)

    def with_more_hint(self, sender: str, parts: List[str], request: Request) -> str:
        """First part plus the "reply 更多" hint; the rest kept for that reply."""
        assert self.config is not None
        hint = domain_text(request, "utter_wechat_more")
        text = "\n".join(parts)
        room = self.config.max_reply_bytes - len(hint.encode("utf-8")) - 2
        first, *rest = split_by_bytes(text, room)
        self.conversations.continuations.set(sender, rest)
        return f"{first}\n\n{hint}"

    def next_part(self, sender: str, rest: List[str], request: Request) -> str:
        """The next stored part (with the hint again if more remain)."""
        self.conversations.continuations.pop(sender)
        return self.with_more_hint(sender, rest, request) if len(rest) > 1 else rest[0]

    async def push(self, sender: str, task: asyncio.Task[List[str]], start: int) -> None:
        """Send the parts of a finished turn from ``start`` on through the customer-service API."""
        assert self.client is not None
        try:
            parts = task.result()
        except Exception:
            logger.exception("wechat turn failed for %s", sender)
            return
        for part in parts[start:]:
            try:
                await self.client.send_text(sender, part)
            except Exception:
                logger.exception("customer-service send to %s failed", sender)
                return


def domain_text(request: Request, name: str) -> str:
    """The first text of a domain response (the channel's own sentences live in domain.yml)."""
    variants = request.app.ctx.agent.domain.responses.get(name) or [{}]
    return str(variants[0].get("text", ""))
