"""Rasa's payload syntax, written and read in one place."""

from __future__ import annotations

import pytest

from bot.channels.payloads import button_from, payload_of
from bot.replies import Button


@pytest.mark.parametrize(
    ("button", "payload"),
    [
        (Button("办理地点", "ask_office"), "/ask_office"),
        (Button.asking("宁波市", "inform", region="宁波市"), '/inform{"region": "宁波市"}'),
        (
            Button.asking("温州 经开区", "inform", region="温州市", area="经开区"),
            '/inform{"region": "温州市", "area": "经开区"}',
        ),
    ],
)
def test_payloads_round_trip(button, payload):
    assert payload_of(button) == payload
    assert button_from(button.title, payload) == button


@pytest.mark.parametrize("payload", ["宁波市", "/", "/inform{broken", '/inform["a"]', ""])
def test_text_that_is_not_a_payload_is_no_button(payload):
    assert button_from("t", payload) is None
