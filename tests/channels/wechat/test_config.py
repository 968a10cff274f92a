"""Settings from the environment."""

from __future__ import annotations

import pytest

from bot.channels.wechat.config import ConfigError, config_from_env
from bot.channels.wechat.menu import platform_menu
from harness.wechat_peer import AES_KEY


def test_no_token_means_no_channel():
    assert config_from_env({}) is None


def test_plain_defaults():
    config = config_from_env({"WECHAT_TOKEN": "t"})
    assert (config.mode, config.api_base, config.reply_budget_s) == (
        "plain",
        "https://api.weixin.qq.com",
        4.0,
    )
    assert not config.can_push


def test_safe_mode_needs_key_and_appid():
    with pytest.raises(ConfigError):
        config_from_env({"WECHAT_TOKEN": "t", "WECHAT_MODE": "safe", "WECHAT_AES_KEY": "short"})
    config = config_from_env(
        {
            "WECHAT_TOKEN": "t",
            "WECHAT_MODE": "safe",
            "WECHAT_AES_KEY": AES_KEY,
            "WECHAT_APPID": "wx1",
            "WECHAT_APPSECRET": "s",
        }
    )
    assert config.safe and config.can_push


def test_unknown_mode_is_an_error():
    with pytest.raises(ConfigError):
        config_from_env({"WECHAT_TOKEN": "t", "WECHAT_MODE": "compat"})


def test_menu_body_for_the_platform():
    names = [b["name"] for b in platform_menu()["button"]]
    assert names == ["领取条件", "申领材料", "办理地点", "待遇计算"]


@pytest.mark.parametrize(
    "value, on", [("on", True), ("1", True), ("TRUE", True), ("", False), ("off", False)]
)
def test_handoff_to_staff_is_off_unless_asked_for(value, on):
    config = config_from_env({"WECHAT_TOKEN": "t", "WECHAT_KF_HANDOFF": value})
    assert config is not None and config.kf_handoff is on and config.kf_hold_s == 1800
