"""What the WeChat channel replies when a turn fails, says nothing, or says nothing in text.

The channel runs behind the guard, as in ``blueprint``: the guard answers a failed or silent
turn with its apology, so the channel only has to handle a turn whose messages hold no text.
"""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any, Iterator, Optional

import pytest
from rasa.core.channels.channel import UserMessage
from sanic import Sanic

from bot.channels.guard import RASA_APP_NAME, guarded
from bot.channels.wechat.channel import WeChatInput
from bot.channels.wechat.config import config_from_env
from bot.channels.wechat.messages import parse_push
from harness.wechat_peer import text_xml

RESPONSES = {
    "utter_service_unavailable": [{"text": "guard apology"}],
    "utter_wechat_sorry": [{"text": "wechat sorry"}],
    "utter_wechat_choose_number": [{"text": "reply a number"}],
}


@pytest.fixture
def request_stand_in() -> Iterator[Any]:
    """A request of the Rasa app, whose agent has the responses above and no stores to ping."""
    app = Sanic.get_app(RASA_APP_NAME, force_create=True)
    before = getattr(app.ctx, "agent", None)
    app.ctx.agent = SimpleNamespace(
        domain=SimpleNamespace(responses=RESPONSES), tracker_store=None, lock_store=None
    )
    try:
        yield SimpleNamespace(app=app)
    finally:
        app.ctx.agent = before


def reply_to(handler: Any, request: Any) -> Optional[str]:
    """The passive reply to one text push, with ``handler`` behind the guard."""
    channel = WeChatInput(config_from_env({"WECHAT_TOKEN": "t"}))
    inbound = parse_push(text_xml("oTestUser", "宁波失业金能领多久"))
    return asyncio.run(channel.answer(inbound, guarded(handler), request))


async def image_only(message: UserMessage) -> None:
    await message.output_channel.send_image_url(message.sender_id, "https://example.org/a.png")


async def text_and_buttons(message: UserMessage) -> None:
    buttons = [{"title": "宁波", "payload": "/inform"}]
    await message.output_channel.send_text_with_buttons(message.sender_id, "哪个城市？", buttons)


async def failing(message: UserMessage) -> None:
    raise RuntimeError("action server down")


async def silent(message: UserMessage) -> None:
    return None


def test_a_turn_without_text_gets_the_wechat_sorry(request_stand_in):
    assert reply_to(image_only, request_stand_in) == "wechat sorry"


def test_a_turn_with_text_is_joined(request_stand_in):
    assert reply_to(text_and_buttons, request_stand_in) == "哪个城市？\n\n1. 宁波\nreply a number"


@pytest.mark.parametrize("handler", [failing, silent])
def test_a_failed_or_silent_turn_gets_the_guards_apology(request_stand_in, handler):
    assert reply_to(handler, request_stand_in) == "guard apology"
