"""The Rasa server's resident memory: a single reading, idle, and the peak during a run."""

from __future__ import annotations

import asyncio
import statistics
import threading

from bench.proc import status_mb

try:  # psutil when installed; /proc otherwise (Linux)
    import psutil
except ImportError:  # pragma: no cover - depends on the environment
    psutil = None

SAMPLE_S = 0.2


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MiB (psutil, else /proc); 0 when it is gone."""
    if psutil is not None:
        try:
            return psutil.Process(pid).memory_info().rss / 2**20
        except psutil.Error:
            return 0.0
    return status_mb(pid, "VmRSS")


class RssSampler:
    """Samples a process's resident memory from a thread every ``interval_s``; keeps the peak."""

    def __init__(self, pid: int, interval_s: float = SAMPLE_S) -> None:
        self.pid, self.interval_s = pid, interval_s
        self.peak_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while True:
            self.peak_mb = max(self.peak_mb, rss_mb(self.pid))
            if self._stop.wait(self.interval_s):
                return

    def __enter__(self) -> RssSampler:
        """Start sampling."""
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        """Stop sampling (one last sample is taken)."""
        self._stop.set()
        self._thread.join()
        self.peak_mb = max(self.peak_mb, rss_mb(self.pid))


async def idle_rss_mb(pid: int) -> float:
    """Median resident memory over a second, after two quiet seconds."""
    await asyncio.sleep(2.0)
    samples = []
    for _ in range(6):
        samples.append(rss_mb(pid))
        await asyncio.sleep(SAMPLE_S)
    return statistics.median(samples)
