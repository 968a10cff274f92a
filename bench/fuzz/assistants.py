"""The assistants fuzzed: WeChat channel in plain mode, or in safe mode with a platform stub."""

from __future__ import annotations

import subprocess
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Dict, Iterator, List, Tuple

from harness.platform_stub import PlatformStub
from harness.servers import running_assistant
from harness.wechat_peer import AES_KEY, APPID, TOKEN, plain_env

SAFE_APPSECRET = "fuzz-secret"


@contextmanager
def assistant(mode: str, workdir: Path) -> Iterator[Tuple[str, List[subprocess.Popen]]]:
    """A running assistant whose WeChat channel is in ``mode``: its URL and processes.

    The processes are the action server's and the Rasa server's, in that order.
    """
    from tests.e2e.conftest import REPLY_BYTES, SAFE_BUDGET_S

    with ExitStack() as stack:
        env = plain_env()
        if mode == "safe":
            platform = stack.enter_context(PlatformStub(APPID, SAFE_APPSECRET))
            env = {
                "WECHAT_TOKEN": TOKEN,
                "WECHAT_MODE": "safe",
                "WECHAT_APPID": APPID,
                "WECHAT_AES_KEY": AES_KEY,
                "WECHAT_APPSECRET": SAFE_APPSECRET,
                "WECHAT_API_BASE": platform.url,
                "WECHAT_REPLY_BUDGET_S": str(SAFE_BUDGET_S),
                "WECHAT_MAX_REPLY_BYTES": str(REPLY_BYTES),
            }
        handles: Dict[str, object] = {}
        url = stack.enter_context(running_assistant(workdir, env=env, handles=handles))
        yield url, handles["processes"]  # type: ignore[misc]
