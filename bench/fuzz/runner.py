"""Sending the cases to a running assistant, with timing and crash detection."""

from __future__ import annotations

import asyncio
import subprocess
import time
from collections import deque
from typing import Callable, Deque, Optional, Sequence

import aiohttp
from yarl import URL

from bench.fuzz.cases import DEFAULT_SEED, CaseSource
from bench.fuzz.probe import Probe
from bench.fuzz.tally import Answer, Tally

DEFAULT_CONCURRENCY = 4
DEFAULT_MAX_SECONDS = 1800.0
REQUEST_TIMEOUT_S = 30.0


async def send(session: aiohttp.ClientSession, base: str, probe: Probe) -> Answer:
    """Send one probe exactly as built (query already encoded, no automatic content type)."""
    url = URL(base + probe.path, encoded=True)
    started = time.perf_counter()
    try:
        async with session.request(
            probe.method,
            url,
            data=probe.body or None,
            headers=dict(probe.headers),
            skip_auto_headers=("Content-Type",),
            allow_redirects=False,
        ) as response:
            body = await response.read()
            return Answer(response.status, time.perf_counter() - started, body)
    except (aiohttp.ClientError, asyncio.TimeoutError) as error:
        message = f"{type(error).__name__}: {error}"
        return Answer(0, time.perf_counter() - started, message.encode())


async def alive(
    session: aiohttp.ClientSession, base: str, processes: Sequence[subprocess.Popen]
) -> bool:
    """Whether the servers' processes (where known) run and the Rasa server answers HTTP."""
    if any(process.poll() is not None for process in processes):
        return False
    try:
        async with session.get(f"{base}/", timeout=aiohttp.ClientTimeout(total=15)) as response:
            await response.read()
    except (aiohttp.ClientError, asyncio.TimeoutError):
        return False
    return True


async def fuzz(
    url: str,
    mode: str,
    count: int,
    seed: int = DEFAULT_SEED,
    concurrency: int = DEFAULT_CONCURRENCY,
    seconds: float = DEFAULT_MAX_SECONDS,
    processes: Sequence[subprocess.Popen] = (),
    progress: Optional[Callable[[Tally], None]] = None,
) -> Tally:
    """Send ``count`` generated inputs (a case more at most) to the assistant at ``url``.

    ``mode`` is its WeChat mode ("plain": REST, web chat and plaintext WeChat inputs;
    "safe": safe-mode WeChat inputs and ciphertext). ``concurrency`` requests are in
    flight at once; no new case starts after ``seconds``. ``processes`` (the action server
    and the Rasa server), where given, are checked for a crash besides the answering.
    """
    source = CaseSource(seed, mode)
    tally = Tally(mode)
    recent: Deque[Probe] = deque(maxlen=2 * concurrency)
    started = time.monotonic()
    deadline = started + seconds

    async def worker(session: aiohttp.ClientSession) -> None:
        while tally.planned < count and not tally.crashes:
            if time.monotonic() >= deadline:
                tally.complete = False
                return
            case = source.next_case()
            tally.planned += len(case)
            for probe in case:
                recent.append(probe)
                answer = await send(session, url, probe)
                tally.add(probe, answer)
                if probe.keep_token:
                    source.keep_token(answer.body)
                if progress and tally.inputs % 500 == 0:
                    progress(tally)
                checkup = answer.status == 0 or tally.inputs % 250 == 0
                if checkup and not tally.crashes and not await alive(session, url, processes):
                    tally.crash(list(recent), answer.body.decode("utf-8", "replace"))
                    return

    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        await asyncio.gather(*(worker(session) for _ in range(concurrency)))
        if not tally.crashes and not await alive(session, url, processes):
            tally.crash(list(recent), "server gone at the end of the run")
    tally.seconds = time.monotonic() - started
    return tally
