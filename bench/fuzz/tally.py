"""The figures of one server's run: status classes, failures and protocol mismatches."""

from __future__ import annotations

import base64
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Dict, List, Sequence, Tuple

from bench.fuzz.probe import Probe
from harness.wechat_peer import open_reply

SLOW_S = 5.0
MAX_GROWTH = 1.10


@dataclass(frozen=True)
class Answer:
    """The server's answer: status (0 when none came), seconds, body (or the client error)."""

    status: int
    seconds: float
    body: bytes


def status_class(status: int) -> str:
    """The status class ("2xx", "4xx", ...), or "no answer"."""
    return f"{status // 100}xx" if status else "no answer"


def readable(probe: Probe, answer: Answer) -> bool:
    """Whether a 200 answer reads as the channel's format (JSON list, WeChat reply)."""
    if answer.status != 200 or not probe.reply:
        return True
    try:
        if probe.reply == "json":
            return isinstance(json.loads(answer.body), list)
        text = answer.body.decode("utf-8")
        if text in ("", "success"):
            return True
        open_reply(text, safe=probe.reply == "wechat-safe")
    except Exception:
        return False
    return True


@dataclass
class Failure:
    """One failing request: what went wrong, the exact request and the answer."""

    problem: str
    probe: Probe
    status: int
    seconds: float
    answer: bytes

    def record(self) -> Dict[str, object]:
        """The failure as JSON: enough to send the request again byte for byte."""
        try:
            body: Dict[str, str] = {"text": self.probe.body.decode("utf-8")}
        except UnicodeDecodeError:
            body = {"base64": base64.b64encode(self.probe.body).decode()}
        return {
            "problem": self.problem,
            "kind": self.probe.kind,
            "method": self.probe.method,
            "path": self.probe.path,
            "headers": dict(self.probe.headers),
            "body": body,
            "status": self.status,
            "seconds": round(self.seconds, 3),
            "answer": self.answer[:500].decode("utf-8", "replace"),
        }

    def line(self) -> str:
        """The failure in one Markdown line (long paths and bodies shortened)."""
        body = short(repr(self.probe.body), 300)
        headers = f" headers {dict(self.probe.headers)}" if self.probe.headers else ""
        answer = short(self.answer.decode("utf-8", "replace"), 120)
        request = f"{self.probe.method} {short(self.probe.path, 300)}"
        status = self.status or "no answer"
        return (
            f"- **{self.problem}** ({self.probe.kind}): `{request}`{headers} body `{body}`"
            f" → {status} in {self.seconds * 1000:.0f} ms (`{answer}`)"
        )


def short(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, saying how much was left out."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}…(+{len(text) - limit} chars)"


MAX_KEPT_FAILURES = 500
FAILING_PROBLEMS = ("5xx", "crash", "admitted", "slow")


@dataclass
class Tally:
    """The figures of one server's run."""

    mode: str
    inputs: int = 0
    planned: int = 0
    statuses: Counter = field(default_factory=Counter)
    families: Dict[str, Counter] = field(default_factory=dict)
    problems: Counter = field(default_factory=Counter)
    failures: List[Failure] = field(default_factory=list)
    mismatches: Counter = field(default_factory=Counter)
    mismatch_examples: Dict[Tuple[str, str, str], Probe] = field(default_factory=dict)
    bad_sent: int = 0
    slowest_s: float = 0.0
    slowest_kind: str = ""
    seconds: float = 0.0
    idle_rss_mb: float = 0.0
    peak_rss_mb: float = 0.0
    complete: bool = True

    @property
    def server_errors(self) -> int:
        """Answers with a 5xx status."""
        return self.problems["5xx"]

    @property
    def crashes(self) -> int:
        """Server processes that died (or stopped answering)."""
        return self.problems["crash"]

    @property
    def admitted(self) -> int:
        """Bad WeChat pushes answered with a status under 400."""
        return self.problems["admitted"]

    @property
    def slow(self) -> int:
        """Answers slower than 5 s (or none within the request timeout)."""
        return self.problems["slow"]

    @property
    def growth(self) -> float:
        """Peak over idle memory, as a ratio (0 when not measured)."""
        return self.peak_rss_mb / self.idle_rss_mb if self.idle_rss_mb else 0.0

    def add(self, probe: Probe, answer: Answer) -> None:
        """Count one answer."""
        self.inputs += 1
        klass = status_class(answer.status)
        self.statuses[klass] += 1
        family = self.families.setdefault(probe.family, Counter())
        family[klass] += 1
        family["inputs"] += 1
        if answer.seconds > self.slowest_s:
            self.slowest_s, self.slowest_kind = answer.seconds, probe.kind
        if probe.bad:
            self.bad_sent += 1
            family["bad sent"] += 1
        if answer.status >= 500:
            self.fail("5xx", probe, answer, family)
        if probe.bad and 0 < answer.status < 400:
            self.fail("admitted", probe, answer, family)
        if answer.seconds > SLOW_S:
            self.fail("slow", probe, answer, family)
        if probe.expect and answer.status and klass != probe.expect:
            self.note((probe.kind, probe.expect, klass), probe)
        if not readable(probe, answer):
            self.note((probe.kind, "readable 200", "unreadable 200"), probe)

    def note(self, key: Tuple[str, str, str], probe: Probe) -> None:
        """Count an answer that differs from the protocol; keep the first example."""
        self.mismatches[key] += 1
        self.mismatch_examples.setdefault(key, probe)

    def fail(self, problem: str, probe: Probe, answer: Answer, family: Counter) -> None:
        """Count a failure and keep the request (the first few hundred)."""
        self.problems[problem] += 1
        family[problem] += 1
        if len(self.failures) < MAX_KEPT_FAILURES:
            self.failures.append(
                Failure(problem, probe, answer.status, answer.seconds, answer.body)
            )

    def crash(self, recent: Sequence[Probe], why: str) -> None:
        """Count a dead server (once); keep the requests sent last (one of them killed it)."""
        if self.problems["crash"]:
            return
        self.problems["crash"] += 1
        for probe in recent:
            self.failures.append(Failure("crash", probe, 0, 0.0, why.encode()))

    def failed(self) -> List[str]:
        """What makes this run fail, in words (empty when it passes)."""
        reasons = [f"{self.problems[p]} {p}" for p in FAILING_PROBLEMS if self.problems[p]]
        if self.growth > MAX_GROWTH:
            reasons.append(f"peak memory {self.growth * 100:.0f} % of idle")
        if not self.complete:
            reasons.append(f"time limit reached after {self.inputs} of {self.planned} inputs")
        return reasons
