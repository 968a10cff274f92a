"""The run as a Markdown section, and every failing request as JSON lines."""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import List, Sequence

from bench.fuzz.probe import Probe
from bench.fuzz.tally import Tally, short

ROOT = Path(__file__).resolve().parents[2]
REPORT_FAILURES = 20
SERVER_NAMES = {"plain": "WeChat plain mode", "safe": "WeChat safe mode"}
FAMILY_NAMES = {
    "rest": "REST",
    "webchat": "web chat",
    "wechat-envelope": "WeChat envelope",
    "wechat-inner": "inner XML of signed pushes",
    "wechat-query": "query strings (and handshake)",
    "ciphertext": "ciphertext",
}


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> List[str]:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return lines


def server_row(name: str, tallies: Sequence[Tally]) -> List[object]:
    """One row of the summary (several tallies are summed; memory only for one)."""
    statuses: Counter = sum((t.statuses for t in tallies), Counter())
    problems: Counter = sum((t.problems for t in tallies), Counter())
    row: List[object] = [name, sum(t.inputs for t in tallies)]
    row.append(f"{sum(t.seconds for t in tallies):.0f} s")
    row += [statuses[k] for k in ("2xx", "3xx", "4xx", "5xx", "no answer")]
    row += [problems["crash"], sum(t.bad_sent for t in tallies), problems["admitted"]]
    slowest = max(tallies, key=lambda t: t.slowest_s)
    row += [problems["slow"], f"{slowest.slowest_s * 1000:.0f} ms ({slowest.slowest_kind})"]
    if len(tallies) == 1 and tallies[0].idle_rss_mb:
        tally = tallies[0]
        growth = (tally.growth - 1) * 100
        row += [f"{tally.idle_rss_mb:.0f} MB", f"{tally.peak_rss_mb:.0f} MB", f"{growth:+.1f} %"]
    else:
        row += ["–", "–", "–"]
    return row


def summary_lines(tallies: Sequence[Tally]) -> List[str]:
    """The summary table, one row per server and a total."""
    header = (
        "server", "inputs", "sending time", "2xx", "3xx", "4xx", "5xx", "no answer", "crashes",
        "bad pushes sent", "bad pushes admitted", "replies > 5 s", "slowest",
        "idle RSS", "peak RSS", "growth",
    )  # fmt: skip
    rows = [server_row(SERVER_NAMES.get(t.mode, t.mode), [t]) for t in tallies]
    if len(tallies) > 1:
        rows.append(server_row("all", tallies))
    return table(header, rows)


def family_lines(tallies: Sequence[Tally]) -> List[str]:
    """Inputs and outcomes per input family and server."""
    header = ("server", "family", "inputs", "2xx", "4xx", "5xx", "bad sent", "admitted", "> 5 s")
    rows = []
    for tally in tallies:
        server = SERVER_NAMES.get(tally.mode, tally.mode)
        for family, c in sorted(tally.families.items()):
            counts = [c[k] for k in ("inputs", "2xx", "4xx", "5xx", "bad sent", "admitted", "slow")]
            rows.append([server, FAMILY_NAMES.get(family, family), *counts])
    return table(header, rows)


def failure_lines(tally: Tally, limit: int = REPORT_FAILURES) -> List[str]:
    """The first failing requests, one line each."""
    lines = [failure.line() for failure in tally.failures[:limit]]
    if len(tally.failures) > limit:
        lines.append(f"- … and {len(tally.failures) - limit} more (all in the failures file)")
    return lines


def mismatch_lines(tallies: Sequence[Tally], limit: int = 40) -> List[str]:
    """Answers whose status class differs from the protocol's (information, not failure)."""
    merged: Counter = sum((t.mismatches for t in tallies), Counter())
    if not merged:
        return ["Every answer had the status class the protocol calls for."]
    examples = {k: p for t in tallies for k, p in t.mismatch_examples.items()}
    rows = [
        [kind, expected, got, n, cell(examples[(kind, expected, got)])]
        for (kind, expected, got), n in merged.most_common(limit)
    ]
    return table(("kind", "expected", "got", "count", "first example"), rows)


def cell(probe: Probe) -> str:
    """A probe, shortened, as a Markdown table cell."""
    text = f"{probe.method} {short(probe.path, 80)} {short(repr(probe.body), 80)}"
    return "`" + text.replace("`", "'").replace("|", "\\|") + "`"


def verdict(tallies: Sequence[Tally]) -> List[str]:
    """Why the run fails, in words (empty when it passes)."""
    return [f"{SERVER_NAMES.get(t.mode, t.mode)}: {r}" for t in tallies for r in t.failed()]


def report(tallies: Sequence[Tally], args: argparse.Namespace, wall_s: float, machine: str) -> str:
    """The run as a Markdown section."""
    total = sum(t.inputs for t in tallies)
    problems = verdict(tallies)
    lines = [
        "## Fuzzing",
        "",
        f"`make fuzz` (`bench/fuzz/`), seed {args.seed}: {total:,} inputs, {args.concurrency} in"
        f" flight at a time, {wall_s:.0f} s wall time (both assistants' start-up included);"
        f" {machine}.",
        "Two assistants in turn: WeChat channel in plain mode (REST, web chat and plaintext WeChat"
        " inputs) and in safe mode (safe-mode WeChat inputs and ciphertext, the platform API"
        " stood in by `harness/platform_stub.py`). Inputs: well-formed and malformed REST and"
        " web chat requests, WeChat envelopes, the inner XML of signed pushes, query strings"
        " (with the GET handshake) and ciphertext. A bad push (forged or missing signature,"
        " stale or non-numeric timestamp, replayed timestamp and nonce, a DOCTYPE or ENTITY"
        " declaration, tampered ciphertext, wrong AppID or key, plaintext to the safe server)"
        " must be refused; one answered under 400 counts as admitted. Memory: the Rasa"
        " server's resident set, idle after a warm-up (five messages on each channel, one of"
        " 300 characters) and its peak during the run, sampled every 0.2 s.",
        "",
        *summary_lines(tallies),
        "",
        "**Verdict: " + ("pass**" if not problems else "fail**: " + "; ".join(problems)),
        "",
        "### By input family",
        "",
        *family_lines(tallies),
        "",
        "### Failures",
        "",
    ]
    failing = [line for tally in tallies for line in failure_lines(tally)]
    lines += failing or ["None."]
    if failing:
        where = args.failures.resolve()
        shown = where.relative_to(ROOT) if where.is_relative_to(ROOT) else where
        lines += ["", f"Every failing request, byte for byte: `{shown}` (JSON lines)."]
    lines += ["", "### Status classes that differ from the protocol (not failures)", ""]
    lines += mismatch_lines(tallies)
    return "\n".join(lines) + "\n"


def write_failures(tallies: Sequence[Tally], path: Path) -> None:
    """Every kept failing request as JSON lines."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for tally in tallies:
            for failure in tally.failures:
                out.write(
                    json.dumps({"server": tally.mode, **failure.record()}, ensure_ascii=False)
                    + "\n"
                )
