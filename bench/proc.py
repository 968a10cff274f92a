"""A process (and its children: Sanic workers) as Linux reports it in ``/proc``."""

from __future__ import annotations

from pathlib import Path
from typing import List


def status_mb(pid: int, field: str) -> float:
    """A ``/proc/<pid>/status`` memory field (``VmRSS``, ``VmHWM``…) in MiB; 0 when absent."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def process_tree(pid: int) -> List[int]:
    """``pid`` and every live descendant (``/proc/<pid>/task/*/children``)."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def tree_status_mb(pid: int, field: str) -> float:
    """A memory field summed over ``pid`` and its descendants."""
    return sum(status_mb(member, field) for member in process_tree(pid))
