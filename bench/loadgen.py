"""An asyncio load generator: N users play conversations over REST or the WeChat webhook."""

from __future__ import annotations

import asyncio
import itertools
import statistics
import time
import uuid
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence

import aiohttp
from tqdm import tqdm

from bench.proc import tree_status_mb
from harness.wechat_peer import TOKEN, nonce, safe_push, sign, text_xml

WECHAT_SLOW_S = 4.5


@dataclass
class Result:
    """Figures of one load run."""

    label: str
    users: int
    messages: int = 0
    errors: int = 0
    wechat_slow: int = 0
    latencies_ms: List[float] = field(default_factory=list)
    seconds: float = 0.0
    peak_rss_mb: Dict[str, float] = field(default_factory=dict)

    def percentile(self, q: float) -> float:
        """Latency percentile in ms."""
        if not self.latencies_ms:
            return 0.0
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    @property
    def throughput(self) -> float:
        """Messages per second."""
        return self.messages / self.seconds if self.seconds else 0.0

    def row(self) -> Dict[str, str]:
        """The figures as table cells."""
        return {
            "run": self.label,
            "users": str(self.users),
            "messages": str(self.messages),
            "msg/s": f"{self.throughput:.1f}",
            "p50 ms": f"{statistics.median(self.latencies_ms) if self.latencies_ms else 0:.0f}",
            "p95 ms": f"{self.percentile(0.95):.0f}",
            "p99 ms": f"{self.percentile(0.99):.0f}",
            "max ms": f"{max(self.latencies_ms, default=0):.0f}",
            "errors": str(self.errors),
            "WeChat >4.5 s": str(self.wechat_slow) if "wechat" in self.label.lower() else "–",
            "peak RSS MB": ", ".join(f"{k} {v:.0f}" for k, v in self.peak_rss_mb.items()),
        }


Send = Callable[[aiohttp.ClientSession, str, str], "asyncio.Future[bool]"]


async def send_rest(session: aiohttp.ClientSession, url: str, sender: str, text: str) -> bool:
    """One REST message; True when a non-empty reply came back."""
    async with session.post(
        f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}
    ) as response:
        return response.status == 200 and bool(await response.json())


async def send_wechat(
    session: aiohttp.ClientSession, url: str, sender: str, text: str, safe: bool = True
) -> bool:
    """One signed (and in safe mode encrypted) push; True for a passive reply."""
    xml = text_xml(sender, text)
    if safe:
        query, body = safe_push(xml)
    else:
        ts, n = str(int(time.time())), nonce()
        query, body = {"signature": sign(TOKEN, ts, n), "timestamp": ts, "nonce": n}, xml.encode()
    async with session.post(f"{url}/webhooks/wechat/webhook", params=query, data=body) as response:
        reply = await response.text()
        return (
            response.status == 200
            and reply not in ("", "success")
            and ElementTree.fromstring(reply) is not None
        )


def peak_rss_mb(pid: int) -> float:
    """Peak resident memory (VmHWM) of a process and its workers, in MB; 0 where /proc has none."""
    return tree_status_mb(pid, "VmHWM")


async def run_load(
    label: str,
    url: str,
    conversations: Sequence[Sequence[str]],
    users: int,
    duration_s: float,
    wechat: bool = False,
    safe: bool = True,
    pids: Optional[Dict[str, int]] = None,
    progress: bool = True,
) -> Result:
    """``users`` concurrent users each play conversations for ``duration_s`` seconds."""
    result = Result(label=label, users=users)
    pool = itertools.cycle(conversations)
    deadline = time.monotonic() + duration_s
    bar = tqdm(total=int(duration_s), desc=label, unit="s", disable=not progress, leave=False)
    timeout = aiohttp.ClientTimeout(total=30)

    async def user(session: aiohttp.ClientSession) -> None:
        while time.monotonic() < deadline:
            sender = f"{'o' if wechat else 'bench-'}{uuid.uuid4().hex[:20]}"
            for text in next(pool):
                started = time.perf_counter()
                try:
                    ok = await (
                        send_wechat(session, url, sender, text, safe)
                        if wechat
                        else send_rest(session, url, sender, text)
                    )
                except (aiohttp.ClientError, asyncio.TimeoutError, ElementTree.ParseError):
                    ok = False
                elapsed = time.perf_counter() - started
                result.messages += 1
                result.latencies_ms.append(elapsed * 1000)
                result.errors += 0 if ok else 1
                result.wechat_slow += 1 if wechat and elapsed > WECHAT_SLOW_S else 0
                if time.monotonic() >= deadline:
                    return

    async def ticker() -> None:
        while time.monotonic() < deadline:
            await asyncio.sleep(1)
            bar.update(1)

    started = time.monotonic()
    async with aiohttp.ClientSession(timeout=timeout) as session:
        await asyncio.gather(ticker(), *(user(session) for _ in range(users)))
    result.seconds = time.monotonic() - started
    bar.close()
    result.peak_rss_mb = {name: peak_rss_mb(pid) for name, pid in (pids or {}).items()}
    return result
