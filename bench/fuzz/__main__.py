"""``make fuzz``: seeded, bounded fuzzing of every channel, with the server's memory watched.

``python -m bench.fuzz [--count N] [--seed S] [--modes plain,safe] [--out FILE]``: starts
each assistant, warms it up, takes its idle memory, fuzzes it with its peak memory sampled,
prints the Markdown report (``--out`` writes it too), writes every failing request to
``--failures`` (JSON lines) and exits 1 on any failure, on peak memory above 110 % of idle,
or when the time limit stopped the run short.
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, Optional, Sequence

from bench.fuzz.assistants import assistant
from bench.fuzz.cases import DEFAULT_SEED
from bench.fuzz.memory import RssSampler, idle_rss_mb
from bench.fuzz.report import ROOT, report, verdict, write_failures
from bench.fuzz.runner import DEFAULT_CONCURRENCY, DEFAULT_MAX_SECONDS, fuzz
from bench.fuzz.tally import Tally
from bench.fuzz.warm_up import warm_up
from bench.sections import FUZZ_HEADING, with_section

DEFAULT_COUNT = 10_000
PLAIN_SHARE = 0.6  # of --count; the rest goes to the safe-mode server


async def measured_fuzz(
    url: str,
    mode: str,
    processes: Sequence[subprocess.Popen],
    count: int,
    args: argparse.Namespace,
    seconds: float,
) -> Tally:
    """Warm up, take the idle memory, then fuzz with the peak memory sampled."""
    pid = processes[-1].pid  # the Rasa server
    await warm_up(url, mode)
    idle = await idle_rss_mb(pid)
    with RssSampler(pid) as sampler:
        tally = await fuzz(
            url, mode, count, args.seed, args.concurrency, seconds, processes, progress_line
        )
    tally.idle_rss_mb, tally.peak_rss_mb = idle, sampler.peak_mb
    return tally


def progress_line(tally: Tally) -> None:
    """A progress line on stderr."""
    print(
        f"  {tally.mode}: {tally.inputs} inputs, {dict(tally.problems) or 'no failures'}",
        file=sys.stderr,
        flush=True,
    )


def parse_args(argv: Optional[Sequence[str]]) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.fuzz", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--count", type=int, default=DEFAULT_COUNT, help="inputs in all")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--concurrency", type=int, default=DEFAULT_CONCURRENCY)
    parser.add_argument(
        "--max-seconds", type=float, default=DEFAULT_MAX_SECONDS, help="sending time, both servers"
    )
    parser.add_argument("--modes", default="plain,safe", help="servers to run: plain, safe or both")
    parser.add_argument("--out", type=Path, help="also write the Markdown section here")
    parser.add_argument(
        "--doc", type=Path, help="replace the fuzzing section of this report (docs/benchmarks.md)"
    )
    parser.add_argument(
        "--failures", type=Path, default=ROOT / "results" / "fuzz" / "failures.jsonl"
    )
    return parser.parse_args(argv)


def shares(count: int, modes: Sequence[str]) -> Dict[str, int]:
    """How many of ``count`` inputs each server gets."""
    if len(modes) == 1:
        return {modes[0]: count}
    plain = round(count * PLAIN_SHARE)
    return {"plain": plain, "safe": count - plain}


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the fuzzing, print the report; 1 when anything failed."""
    from bench.run import machine

    args = parse_args(argv)
    modes = [m for m in args.modes.split(",") if m]
    started = time.monotonic()
    tallies = []
    for mode, count in shares(args.count, modes).items():
        seconds = args.max_seconds * count / args.count
        print(f"fuzzing the {mode}-mode assistant with {count} inputs", file=sys.stderr)
        workdir = ROOT / "results" / "fuzz" / mode
        with assistant(mode, workdir) as (url, processes):
            tallies.append(asyncio.run(measured_fuzz(url, mode, processes, count, args, seconds)))
    text = report(tallies, args, time.monotonic() - started, machine())
    write_failures(tallies, args.failures)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    if args.doc:
        document = args.doc.read_text(encoding="utf-8") if args.doc.exists() else ""
        args.doc.write_text(with_section(document, FUZZ_HEADING, text), encoding="utf-8")
    return 1 if verdict(tallies) else 0


if __name__ == "__main__":
    sys.exit(main())
