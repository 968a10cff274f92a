"""Sections of docs/benchmarks.md written by different runs (``make bench``, ``make fuzz``)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, List

BENCHMARKS_FILE = "benchmarks.md"
BENCHMARKS_PATH = Path(__file__).resolve().parents[1] / "docs" / BENCHMARKS_FILE
FUZZ_HEADING = "## Fuzzing"
SESSIONS_HEADING = "## Long conversations and floods"
REPORT_HEADING = "## The operator report on a large store"
RESILIENCE_HEADING = "## Crashes and outages"
# Sections that a run other than bench.run writes, kept when bench.run rewrites the file.
KEPT_HEADINGS = (SESSIONS_HEADING, RESILIENCE_HEADING, REPORT_HEADING, FUZZ_HEADING)


def _span(document: str, heading: str) -> tuple[int, int] | None:
    """Start and end of the section under ``heading`` (up to the next ``## `` heading)."""
    match = re.search(rf"^{re.escape(heading)}\s*$", document, re.MULTILINE)
    if not match:
        return None
    following = re.search(r"^## ", document[match.end() :], re.MULTILINE)
    end = match.end() + following.start() if following else len(document)
    return match.start(), end


def section(document: str, heading: str) -> str:
    """The section under ``heading``, heading included ("" when there is none)."""
    span = _span(document, heading)
    return document[span[0] : span[1]].rstrip() + "\n" if span else ""


def with_section(document: str, heading: str, text: str) -> str:
    """``document`` with the section under ``heading`` replaced by ``text`` (appended if absent)."""
    if not text:
        return document
    span = _span(document, heading)
    if span is None:
        return document.rstrip() + "\n\n" + text.rstrip() + "\n"
    start, end = span
    tail = document[end:]
    return document[:start] + text.rstrip() + "\n" + ("\n" + tail if tail else "")


def table(rows: List[Dict[str, str]]) -> str:
    """A Markdown table."""
    if not rows:
        return ""
    head = list(rows[0])
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(row[h] for h in head) + " |" for row in rows]
    return "\n".join(lines)


def write_section(heading: str, text: str, path: Path = BENCHMARKS_PATH) -> None:
    """Replace (or append) the section under ``heading`` of docs/benchmarks.md; print it."""
    document = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    path.write_text(with_section(document, heading, text), encoding="utf-8")
    print(text)
