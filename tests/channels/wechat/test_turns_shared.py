"""Two channel processes sharing one memory file, as two Sanic workers on one machine do."""

from __future__ import annotations

import asyncio
import time
from typing import List

from bot.channels.memory import SQLiteMemory
from bot.channels.wechat.shared import LEASE_S, SharedState
from bot.channels.wechat.state import Conversations
from bot.channels.wechat.turns import TurnRunner
from bot.replies import Button


def test_a_number_or_more_reaches_the_other_process(tmp_path):
    first = Conversations(memory=SQLiteMemory(tmp_path / "state.db"))
    second = Conversations(max_reply_bytes=40, memory=SQLiteMemory(tmp_path / "state.db"))
    choices = [Button.asking("宁波", "inform", region="宁波"), Button("温州", "inform")]

    async def scenario() -> None:
        await first.offer("oAlice", choices)
        assert await second.chosen("oAlice", "2") == choices[1]
        assert await first.chosen("oAlice", "1") is None  # a choice is used once
        hinted = await second.with_more_hint("oAlice", ["一" * 20, "二" * 20], "回复更多")
        assert hinted.endswith("回复更多")
        rest = await first.next_part("oAlice", "回复更多")
        assert rest is not None and "二" in rest
        await first.offer("oBob", choices)
        await second.forget("oBob")
        assert await first.chosen("oBob", "1") is None

    asyncio.run(scenario())


def runner(tmp_path) -> TurnRunner:
    return TurnRunner(1.0, shared=SharedState(SQLiteMemory(tmp_path / "state.db")))


def test_a_retry_reaching_the_other_process_gets_the_reply_without_a_second_run(tmp_path):
    calls: List[str] = []

    async def ask() -> List[str]:
        calls.append("ran")
        await asyncio.sleep(0.2)
        return ["答复"]

    async def scenario() -> None:
        first, second = runner(tmp_path), runner(tmp_path)
        answers = await asyncio.gather(first.run("oA:1", "oA", ask), second.run("oA:1", "oA", ask))
        assert answers == [["答复"], ["答复"]]

    asyncio.run(scenario())
    assert calls == ["ran"]


def test_a_claim_of_a_process_that_died_lapses_and_the_retry_runs_the_message(tmp_path):
    async def scenario() -> List[str]:
        dead = SharedState(SQLiteMemory(tmp_path / "state.db"))
        assert await dead.claim("oA:2")  # claimed, then the process was killed: no renewal
        retry = TurnRunner(LEASE_S + 3, shared=SharedState(SQLiteMemory(tmp_path / "state.db")))

        async def ask() -> List[str]:
            return ["接手后的答复"]

        began = time.monotonic()
        parts = await retry.run("oA:2", "oA", ask)
        assert time.monotonic() - began < LEASE_S + 1
        return parts

    assert asyncio.run(scenario()) == ["接手后的答复"]


def test_a_long_turn_keeps_its_claim(tmp_path):
    calls: List[str] = []

    async def slow() -> List[str]:
        calls.append("ran")
        await asyncio.sleep(LEASE_S + 1.5)
        return ["慢"]

    async def scenario() -> None:
        first = TurnRunner(LEASE_S + 3, shared=SharedState(SQLiteMemory(tmp_path / "state.db")))
        second = TurnRunner(LEASE_S + 3, shared=SharedState(SQLiteMemory(tmp_path / "state.db")))
        running = asyncio.ensure_future(first.run("oA:3", "oA", slow))
        await asyncio.sleep(LEASE_S + 0.5)  # past one lease: renewed meanwhile
        assert await second.run("oA:3", "oA", slow) == ["慢"]
        assert await running == ["慢"]

    asyncio.run(scenario())
    assert calls == ["ran"]


def test_a_person_passed_to_staff_is_known_to_every_process_until_the_hold_ends(tmp_path):
    import asyncio

    first = Conversations(memory=SQLiteMemory(tmp_path / "state.db"))
    second = Conversations(memory=SQLiteMemory(tmp_path / "state.db"))

    async def scenario() -> list:
        await first.hand_over("oUser", 0.3)
        seen = [await second.with_staff("oUser"), await second.with_staff("oOther")]
        await asyncio.sleep(0.4)
        seen.append(await second.with_staff("oUser"))
        await first.hand_over("oUser", 60)
        await second.forget("oUser")
        seen.append(await first.with_staff("oUser"))
        return seen

    assert asyncio.run(scenario()) == [True, False, False, False]
