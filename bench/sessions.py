"""Long conversations and floods (``python -m bench.sessions``).

A turn's cost against the conversation's length, and the other users' latency while one
sender floods. Writes the "## Long conversations and floods" section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Dict, List, Optional

import aiohttp

from bench.conversations import assistant_conversations
from bench.loadgen import Result, run_load, send_rest
from bench.sections import SESSIONS_HEADING, table, write_section
from bot.knowledge.loader import default_knowledge
from harness.servers import make_run_setup, running_assistant

# What one person keeps asking, over and over (a bot script, or a very long chat).
LONG_TEXTS = ("宁波交了两年能领几个月", "那海曙区呢", "电话是多少", "需要什么材料", "谢谢")


async def long_conversation(url: str, turns: int) -> List[float]:
    """One sender's ``turns`` messages one after another; each turn's latency in ms."""
    sender = f"long-{uuid.uuid4().hex[:12]}"
    latencies: List[float] = []
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as session:
        for turn in range(turns):
            started = time.perf_counter()
            await send_rest(session, url, sender, LONG_TEXTS[turn % len(LONG_TEXTS)])
            latencies.append((time.perf_counter() - started) * 1000)
    return latencies


def window_ms(latencies: List[float], last_turn: int, width: int = 10) -> float:
    """Median latency of the ``width`` turns ending at ``last_turn`` (1-based)."""
    return statistics.median(latencies[max(0, last_turn - width) : last_turn])


async def flooded_load(url: str, conversations, users: int, seconds: float) -> Dict[str, float]:
    """``users`` play conversations while one sender sends as fast as it can (4 at a time)."""
    flooder = f"flood-{uuid.uuid4().hex[:12]}"
    sent = {"messages": 0}
    deadline = time.monotonic() + seconds

    async def flood(session: aiohttp.ClientSession) -> None:
        while time.monotonic() < deadline:
            await send_rest(session, url, flooder, "宁波失业金要什么材料")
            sent["messages"] += 1

    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as session:
        load = run_load("20 users, one sender flooding", url, conversations, users, seconds)
        result, *_ = await asyncio.gather(load, *(flood(session) for _ in range(4)))
    return {"result": result, "flood messages": sent["messages"]}  # type: ignore[dict-item]


def main(argv: Optional[List[str]] = None) -> int:
    """Run both measurements; write their section of docs/benchmarks.md."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--turns", type=int, default=1000)
    parser.add_argument("--unlimited-turns", type=int, default=300)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args(argv)
    conversations = assistant_conversations(default_knowledge())
    rows: List[Dict[str, str]] = []
    loads: List[Result] = []
    flood_messages = 0
    with tempfile.TemporaryDirectory(prefix="uia-sessions-") as tmp:
        workdir = Path(tmp)
        # The long conversation is one sender at full speed: its pace is not limited here.
        # the make run default: the SQLite store reads only the latest session's events
        stores, files = make_run_setup(workdir / "default-files")
        with running_assistant(workdir / "default", env=files, stores=stores) as url:
            ours = asyncio.run(long_conversation(url, args.turns))
        rows.append(_long_row("sessions of 20 messages (default)", ours, args.turns))
        stores, files = make_run_setup(workdir / "unlimited-files")
        off = {**files, "ASSISTANT_SESSION_TURNS": "0"}
        with running_assistant(workdir / "unlimited", env=off, stores=stores) as url:
            theirs = asyncio.run(long_conversation(url, args.unlimited_turns))
        rows.append(_long_row("one 24-hour session (Rasa's stock)", theirs, args.unlimited_turns))
        stores, files = make_run_setup(workdir / "limited-files")
        limits = {**files, "ASSISTANT_RATE_PER_SENDER": "20/60"}
        with running_assistant(workdir / "limited", env=limits, stores=stores) as url:
            calm = run_load("20 users", url, conversations, args.users, args.seconds)
            loads.append(asyncio.run(calm))
            flooded = asyncio.run(flooded_load(url, conversations, args.users, args.seconds))
            loads.append(flooded["result"])
            flood_messages = int(flooded["flood messages"])
    text = _section(rows, loads, flood_messages, args)
    write_section(SESSIONS_HEADING, text)
    return 0


def _long_row(label: str, latencies: List[float], turns: int) -> Dict[str, str]:
    early, late = window_ms(latencies, 10), window_ms(latencies, turns)
    return {
        "set-up": label,
        "turns": str(turns),
        "turn 1–10 p50 ms": f"{early:.0f}",
        "last 10 turns p50 ms": f"{late:.0f}",
        "last / first": f"{late / early:.2f}×",
    }


def _section(
    rows: List[Dict[str, str]], loads: List[Result], flood_messages: int, args: argparse.Namespace
) -> str:
    calm, flooded = loads
    ratio = flooded.percentile(0.99) / max(calm.percentile(0.99), 1.0)
    return f"""{SESSIONS_HEADING}

Produced by `python -m bench.sessions` (part of `make bench`) on {time.strftime("%Y-%m-%d")}.

Every run uses the `make run` default: two Sanic workers sharing the SQLite tracker store,
the SQLite lock store and the channels' memory file (where the fair-share windows are counted).

**A long conversation.** One sender sends {args.turns} messages one after another over REST
(cycling through a region question, an area follow-up, the phone, the documents, thanks).
Rasa reads, featurizes and sends to the action server every event of the current session, so
in one 24-hour session a turn's cost grows with the conversation. Sessions end after 20 user
messages (`components/session_length.py`, `ASSISTANT_SESSION_TURNS`), the slots carried over.

{table(rows)}

**A flood.** {args.users} users play the project's conversations for {args.seconds:.0f} s, then
again while one sender floods the webhook with 4 requests at a time (it sent {flood_messages}
messages; past 20 a minute each got `utter_rate_limited` without running the model,
`bot/channels/fairness.py`). The per-address limit is off (the default, and the load
generator is one address).

{table([r.row() for r in (calm, flooded)])}

The other users' p99: {flooded.percentile(0.99):.0f} ms with the flood against
{calm.percentile(0.99):.0f} ms without ({ratio:.2f}×).
"""


if __name__ == "__main__":
    sys.exit(main())
