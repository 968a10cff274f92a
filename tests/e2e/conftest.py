"""Running assistants shared by the end-to-end tests.

- ``assistant_url``: REST, plus the WeChat channel in plain mode without an AppSecret.
- ``safe_wechat``: the WeChat channel in safe mode with an AppSecret, a local stand-in
  for the platform API, a 1.5 s reply budget, and ``action_answer`` slow on request.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator, Tuple

import pytest

from harness.platform_stub import PlatformStub
from harness.servers import running_assistant
from harness.wechat_peer import AES_KEY, APPID, TOKEN, plain_env

APPSECRET = "e2e-secret"
SAFE_BUDGET_S = 1.5
# Below the platform's 2048 so that the longest answers (about 1.5 KB) are split.
REPLY_BYTES = 1200


@pytest.fixture(scope="session")
def plain_workdir(tmp_path_factory) -> Path:
    """Folder of the plain-mode assistant's endpoints and logs (``rasa.log``)."""
    return tmp_path_factory.mktemp("plain")


@pytest.fixture(scope="session")
def assistant_url(plain_workdir: Path) -> Iterator[str]:
    """Base URL of an assistant with REST and plain-mode WeChat (no AppSecret)."""
    env = plain_env(WECHAT_MAX_REPLY_BYTES=str(REPLY_BYTES))
    with running_assistant(plain_workdir, env=env) as url:
        yield url


@pytest.fixture(scope="session")
def safe_wechat(tmp_path_factory) -> Iterator[Tuple[str, PlatformStub]]:
    """Base URL of a safe-mode assistant, and the platform stub it pushes to."""
    with PlatformStub(APPID, APPSECRET) as platform:
        env = {
            "WECHAT_TOKEN": TOKEN,
            "WECHAT_MODE": "safe",
            "WECHAT_APPID": APPID,
            "WECHAT_AES_KEY": AES_KEY,
            "WECHAT_APPSECRET": APPSECRET,
            "WECHAT_API_BASE": platform.url,
            "WECHAT_REPLY_BUDGET_S": str(SAFE_BUDGET_S),
            "WECHAT_MAX_REPLY_BYTES": str(REPLY_BYTES),
        }
        with running_assistant(
            tmp_path_factory.mktemp("safe"), env=env, actions="tests.e2e.slow_actions"
        ) as url:
            yield url, platform
