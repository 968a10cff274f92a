"""The WeChat channel's settings, read from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Mapping, Optional

DEFAULT_API_BASE = "https://api.weixin.qq.com"
AES_KEY_LENGTH = 43


class ConfigError(ValueError):
    """The WeChat settings are incomplete or inconsistent."""


@dataclass(frozen=True)
class WeChatConfig:
    """Credentials and tunables of one official account."""

    token: str
    appid: str = ""
    aes_key: str = ""
    appsecret: str = ""
    mode: str = "plain"
    api_base: str = DEFAULT_API_BASE
    reply_budget_s: float = 4.0
    max_clock_skew_s: int = 300
    max_body_bytes: int = 64 * 1024
    max_reply_bytes: int = 2048
    # 转人工 passes the conversation to the account's customer-service staff (多客服).
    kf_handoff: bool = False
    # After a handoff, the person's messages go to the staff this long (the platform's own
    # session ends after 30 minutes without the staff closing it).
    kf_hold_s: int = 1800

    @property
    def safe(self) -> bool:
        """Whether pushes and replies are AES-encrypted (安全模式)."""
        return self.mode == "safe"

    @property
    def can_push(self) -> bool:
        """Whether the customer-service API can be used (needs the AppSecret)."""
        return bool(self.appid and self.appsecret)


def config_from_env(env: Mapping[str, str] = os.environ) -> Optional[WeChatConfig]:
    """The settings from ``WECHAT_*`` variables; None when ``WECHAT_TOKEN`` is unset."""
    token = env.get("WECHAT_TOKEN", "").strip()
    if not token:
        return None
    config = WeChatConfig(
        token=token,
        appid=env.get("WECHAT_APPID", "").strip(),
        aes_key=env.get("WECHAT_AES_KEY", "").strip(),
        appsecret=env.get("WECHAT_APPSECRET", "").strip(),
        mode=env.get("WECHAT_MODE", "plain").strip().lower() or "plain",
        api_base=env.get("WECHAT_API_BASE", DEFAULT_API_BASE).strip().rstrip("/"),
        reply_budget_s=float(env.get("WECHAT_REPLY_BUDGET_S", "4.0")),
        max_reply_bytes=int(env.get("WECHAT_MAX_REPLY_BYTES", "2048")),
        kf_handoff=env.get("WECHAT_KF_HANDOFF", "").strip().lower() in ("1", "true", "on", "yes"),
        kf_hold_s=int(env.get("WECHAT_KF_HOLD_S", "1800")),
    )
    if config.mode not in ("plain", "safe"):
        raise ConfigError(f"WECHAT_MODE must be 'plain' or 'safe', not {config.mode!r}")
    if config.safe and (len(config.aes_key) != AES_KEY_LENGTH or not config.appid):
        raise ConfigError("safe mode needs WECHAT_APPID and a 43-character WECHAT_AES_KEY")
    return config
