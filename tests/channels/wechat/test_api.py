"""The customer-service API client against the local platform stand-in."""

from __future__ import annotations

import asyncio
import logging
import time

import pytest

from bot.channels.memory import SQLiteMemory
from bot.channels.wechat.api import TOKEN_MARGIN_S, CustomerServiceClient, PlatformError
from bot.channels.wechat.shared import SharedState
from bot.channels.wechat.turns import TurnRunner
from harness.platform_stub import PlatformStub

APPID, SECRET = "wx0123456789abcdef", "stub-secret"


def client(platform: PlatformStub, shared=None) -> CustomerServiceClient:
    return CustomerServiceClient(platform.url, APPID, SECRET, timeout_s=5, shared=shared)


def test_one_token_serves_every_send_until_it_expires():
    with PlatformStub(APPID, SECRET) as platform:
        api = client(platform)

        async def scenario() -> None:
            for number in range(3):
                await api.send_text("oAlice", f"第{number}条")

        asyncio.run(scenario())
        assert platform.token_calls == 1 and platform.send_calls == 3
        assert [m["text"]["content"] for m in platform.sent] == ["第0条", "第1条", "第2条"]


def test_a_token_is_fetched_again_shortly_before_the_platform_says_it_expires():
    with PlatformStub(APPID, SECRET, expires_in=TOKEN_MARGIN_S + 1) as platform:
        api = client(platform)

        async def scenario() -> None:
            await api.send_text("oAlice", "一")
            await api.send_text("oAlice", "二")  # within the second the token still holds
            await asyncio.sleep(1.1)
            await api.send_text("oAlice", "三")

        asyncio.run(scenario())
        assert platform.token_calls == 2 and len(platform.sent) == 3


@pytest.mark.parametrize("code", [40001, 42001])
def test_a_revoked_or_expired_token_is_refreshed_once_and_the_message_sent(code):
    with PlatformStub(APPID, SECRET) as platform:
        api = client(platform)
        asyncio.run(api.send_text("oAlice", "一"))
        platform.revoke(code)
        asyncio.run(api.send_text("oAlice", "二"))
        assert platform.token_calls == 2 and platform.send_calls == 3
        assert [m["text"]["content"] for m in platform.sent] == ["一", "二"]


def test_a_refused_send_raises_and_is_not_retried():
    with PlatformStub(APPID, SECRET) as platform:
        platform.fail_sends = 45015
        with pytest.raises(PlatformError) as error:
            asyncio.run(client(platform).send_text("oAlice", "一"))
        assert error.value.args[0] == 45015
        assert platform.send_calls == 1 and platform.sent == []


def test_processes_sharing_the_memory_share_the_token(tmp_path):
    with PlatformStub(APPID, SECRET) as platform:
        first = client(platform, SharedState(SQLiteMemory(tmp_path / "state.db")))
        second = client(platform, SharedState(SQLiteMemory(tmp_path / "state.db")))
        asyncio.run(first.send_text("oAlice", "一"))
        asyncio.run(second.send_text("oBob", "二"))
        assert platform.token_calls == 1 and len(platform.sent) == 2


def test_a_pushed_reply_that_fails_is_logged_once_and_dropped(caplog):
    with PlatformStub(APPID, SECRET) as platform:
        platform.fail_sends = 45015
        runner = TurnRunner(0.05, client(platform))

        async def slow() -> list:
            await asyncio.sleep(0.2)
            return ["第一部分", "第二部分"]

        async def scenario() -> None:
            assert await runner.run("oA:1", "oA", slow) is None  # too slow: pushed later
            deadline = time.monotonic() + 5
            while runner._background and time.monotonic() < deadline:
                await asyncio.sleep(0.05)

        with caplog.at_level(logging.ERROR):
            asyncio.run(scenario())
        assert platform.send_calls == 1  # the first part failed: the rest is not tried
        failures = [r for r in caplog.records if "customer-service send" in r.getMessage()]
        assert len(failures) == 1


def test_staff_online_reads_the_platforms_list():
    with PlatformStub(APPID, SECRET) as platform:
        api = client(platform)
        assert asyncio.run(api.staff_online()) is False
        platform.online_staff = [{"kf_account": "a@test", "status": 0}]
        assert asyncio.run(api.staff_online()) is False
        platform.online_staff.append({"kf_account": "b@test", "status": 1})
        assert asyncio.run(api.staff_online()) is True
        platform.revoke()
        assert asyncio.run(api.staff_online()) is True  # a fresh token is fetched once
