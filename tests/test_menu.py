"""The account's menu: one file, read by WeChat, the web page and the greeting."""

from __future__ import annotations

import yaml

from bot.channels.payloads import payload_of
from bot.channels.wechat.menu import payload_for_key, platform_menu
from bot.menu import MENU_FILE, continue_keyword, menu_button, menu_items
from tests.topics.test_registry import DOMAIN


def test_every_menu_intent_is_in_the_domain():
    intents = set(yaml.safe_load(DOMAIN.read_text(encoding="utf-8"))["intents"])
    assert {item.button.intent for item in menu_items()} <= intents


def test_keys_map_to_their_payloads():
    assert payload_for_key("DOCUMENTS") == "/ask_documents"
    assert payload_for_key("NO_SUCH_KEY") is None
    assert menu_button("OFFICES").title == "办理地点"


def test_platform_menu_body_lists_every_item_once():
    body = platform_menu()["button"]
    assert [entry["key"] for entry in body] == [item.key for item in menu_items()]
    assert all(entry["type"] == "click" for entry in body)


def test_menu_file_holds_no_payload_syntax():
    text = MENU_FILE.read_text(encoding="utf-8")
    assert "payload" not in text and "/ask" not in text
    assert continue_keyword() == "更多"
    assert payload_of(menu_items()[0].button).startswith("/")
