"""Where a turn's time goes: py-spy samples of a server under load, grouped by stage.

``sampled`` records a process (py-spy, 100 samples a second, threads that run only) and
reads its CPU time from ``/proc`` while the body runs; ``cost_rows`` turns that into CPU
milliseconds per message for each stage of a turn.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

from bench.proc import process_tree

# A sample belongs to the first stage one of whose markers is in its stack (frames joined).
STAGES: Tuple[Tuple[str, Tuple[str, ...]], ...] = (
    ("tracker store: read and save the conversation (SQLite)", ("tracker_store.py", "stores/sql")),
    ("NLU: DIET classifier (features to intent and entities)", ("diet_classifier.py",)),
    (
        "NLU: Jieba, featurizers, regex entities, synonyms, fallback",
        ("rasa/nlu/", "components/tokenizer"),
    ),
    ("dialogue policies (rules, memoization)", ("rasa/core/policies/",)),
    ("action server call (HTTP, reply check)", ("rasa/core/actions/action.py", "jsonschema")),
    ("Rasa's graph runner (dask)", ("dask/",)),
    ("channel: HTTP, JSON, guard and rate limit", ("sanic", "bot/channels", "aiohttp")),
)
OTHER = "other (Rasa's processor, events, logging)"
# Threads of an idle executor wait in C (a queue's lock) and py-spy does not see them as idle.
IDLE_LEAVES = ("_worker (concurrent/futures/thread.py",)


@dataclass
class Sampled:
    """What ``sampled`` measured: the stages' sample counts and the CPU seconds used."""

    samples: Counter = field(default_factory=Counter)
    cpu_seconds: float = 0.0
    error: str = ""


def stage_of(stack: str) -> str:
    """The stage a sampled stack belongs to."""
    for label, markers in STAGES:
        if any(marker in stack for marker in markers):
            return label
    return OTHER


def read_samples(raw: str) -> Counter:
    """Sample counts per stage from py-spy's raw (collapsed-stack) output."""
    counts: Counter = Counter()
    for line in raw.splitlines():
        stack, _, number = line.rpartition(" ")
        leaf = stack.rpartition(";")[2]
        if stack and number.isdigit() and not leaf.startswith(IDLE_LEAVES):
            counts[stage_of(stack)] += int(number)
    return counts


def cpu_seconds(pid: int) -> float:
    """User plus system CPU seconds used by a process and its live descendants (Sanic workers)."""
    total = 0
    for member in process_tree(pid):
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def py_spy() -> Optional[str]:
    """The py-spy executable beside this interpreter or on PATH, if any."""
    import sys

    beside = Path(sys.executable).with_name("py-spy")
    return str(beside) if beside.exists() else shutil.which("py-spy")


@contextmanager
def sampled(pid: int, keep: Optional[Path] = None) -> Iterator[Sampled]:
    """Sample ``pid`` while the body runs; the result is filled in when it ends.

    ``keep``, if given, receives py-spy's raw stacks (for a flame graph).
    """
    result = Sampled()
    executable = py_spy()
    with tempfile.TemporaryDirectory(prefix="uia-profile-") as folder:
        out = Path(folder) / "raw.txt"
        spy = None
        if executable:
            spy = subprocess.Popen(
                [executable, "record", "--pid", str(pid), "--format", "raw", "--output", str(out)]
                + ["--rate", "100", "--subprocesses"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
        else:
            result.error = "py-spy is not installed"
        started = cpu_seconds(pid)
        try:
            yield result
        finally:
            result.cpu_seconds = cpu_seconds(pid) - started
            if spy is not None:
                spy.send_signal(2)  # py-spy writes its file on Ctrl-C
                _, errors = spy.communicate(timeout=60)
                if out.exists():
                    result.samples = read_samples(out.read_text(encoding="utf-8"))
                    if keep is not None:
                        keep.parent.mkdir(parents=True, exist_ok=True)
                        shutil.copyfile(out, keep)
                else:
                    result.error = errors.decode(errors="replace").strip()[-300:]


def cost_section(measured: Sampled, messages: int, actions_cpu_s: float, users: int) -> str:
    """Markdown: the Rasa server's CPU per message by stage, and the action server's."""
    from bench.sections import table

    rows = cost_rows(measured, messages)
    if not rows:
        return f"Not measured in this run ({measured.error or 'no samples'})."
    actions_ms = actions_cpu_s * 1000 / messages
    return (
        f"CPU time per message in a {users}-user REST run of its own (py-spy pauses the\n"
        "workers at each sample, so the load runs above are not profiled), from `/proc`, split\n"
        "by py-spy's samples of the Rasa server and its workers (`bench/profile.py`, 100 a\n"
        "second, running threads only).\n"
        "Each sample counts for the first stage in this list that its stack passes through.\n\n"
        f"{table(rows)}\n\n"
        f"The action server (`actions/`, `bot/`) used {actions_ms:.1f} ms of CPU per message "
        "on top of that; the load generator runs on the same two cores.\n"
    )


def cost_rows(measured: Sampled, messages: int) -> List[Dict[str, str]]:
    """One row per stage: its share of the samples and its CPU milliseconds per message."""
    total = sum(measured.samples.values())
    if not total or not messages:
        return []
    per_message_ms = measured.cpu_seconds * 1000 / messages
    labels = [label for label, _ in STAGES] + [OTHER]
    rows = [
        {
            "stage": label,
            "share of samples": f"{measured.samples[label] / total:.0%}",
            "CPU ms per message": f"{per_message_ms * measured.samples[label] / total:.1f}",
        }
        for label in labels
    ]
    rows.append(
        {
            "stage": "**all**",
            "share of samples": "100%",
            "CPU ms per message": f"{per_message_ms:.1f}",
        }
    )
    return rows
