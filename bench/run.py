"""``make bench``: load, latency, NLU and training figures, written to docs/benchmarks.md.

Runs our assistant (REST and the WeChat webhook in safe mode) and, on the same machine in
the same run, the starter bot that ``rasa init`` creates (a throwaway copy in a temporary
folder), then NLU cross-validation; writes the tables and docs/latency.png.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

from bench.conversations import STARTER_CONVERSATIONS, assistant_conversations
from bench.inprocess import action_check_ms, store_turn_ms
from bench.loadgen import Result, run_load
from bench.profile import cost_section, cpu_seconds, sampled
from bench.sections import BENCHMARKS_FILE, KEPT_HEADINGS, section, table, with_section
from bot.knowledge.loader import default_knowledge
from harness.servers import (
    MODEL,
    RASA,
    free_port,
    make_run_setup,
    running_assistant,
    wait_until_up,
)
from harness.wechat_peer import AES_KEY, APPID, TOKEN

ROOT = Path(__file__).resolve().parents[1]

DOCS = ROOT / "docs"


@contextmanager
def starter_bot(workdir: Path, handles: dict) -> Iterator[str]:
    """`rasa init`'s starter bot, trained and served; yields its URL (its process in handles)."""
    project = workdir / "starter"
    project.mkdir(parents=True)
    subprocess.run(
        [str(RASA), "init", "--no-prompt", "--init-dir", str(project)],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=workdir,
    )
    model = sorted((project / "models").glob("*.tar.gz"))[-1]
    port = free_port()
    log = workdir / "starter.log"
    process = subprocess.Popen(
        [str(RASA), "run", "--model", str(model), "--port", str(port)],
        cwd=project,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    handles["rasa"] = process
    try:
        wait_until_up(f"http://127.0.0.1:{port}/", process, log)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)


def loads(
    url: str,
    label: str,
    conversations,
    users: List[int],
    seconds: float,
    pids: Dict[str, int],
    wechat: bool = False,
) -> List[Result]:
    """One run per user count."""
    return [
        asyncio.run(
            run_load(
                f"{label}, {n} user{'s' if n > 1 else ''}",
                url,
                conversations,
                n,
                seconds,
                wechat=wechat,
                pids=pids,
            )
        )
        for n in users
    ]


def cross_validation(folds: int, out: Path) -> Dict[str, float]:
    """`rasa test nlu --cross-validation`: intent and entity figures on the test folds."""
    command = [
        str(RASA),
        "test",
        "nlu",
        "--nlu",
        "data",
        "--config",
        "config.yml",
        "--cross-validation",
        "--folds",
        str(folds),
        "--out",
        str(out),
    ]
    subprocess.run(
        command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return nlu_figures(out)


def nlu_figures(folder: Path) -> Dict[str, float]:
    """Intent accuracy/F1 and per-extractor entity F1 of a `rasa test nlu` output folder."""
    report = folder / "intent_report.json"
    if not report.exists():
        return {}
    intents = json.loads(report.read_text())
    figures = {
        "intent accuracy": intents["accuracy"],
        "intent F1 (weighted)": intents["weighted avg"]["f1-score"],
    }
    for entity_report in sorted(folder.glob("*_report.json")):
        if entity_report.name != "intent_report.json":
            data = json.loads(entity_report.read_text())
            average = data.get("micro avg") or data.get("weighted avg") or {}
            name = entity_report.name.removesuffix("_report.json")
            figures[f"entity F1 ({name})"] = average.get("f1-score", 0.0)
    return figures


AGGREGATES = ("accuracy", "micro avg", "macro avg", "weighted avg")
Scores = Dict[str, Dict[str, Tuple[float, int]]]


def label_scores(folder: Path) -> Scores:
    """Per report (intent, each entity extractor): label to (F1, support)."""
    scores: Scores = {}
    for report in sorted(folder.glob("*_report.json")):
        data = json.loads(report.read_text())
        name = report.name.removesuffix("_report.json")
        scores[name] = {
            label: (figures["f1-score"], int(figures["support"]))
            for label, figures in data.items()
            if label not in AGGREGATES and isinstance(figures, dict)
        }
    return scores


def per_label_tables(scores: Dict[str, Scores]) -> str:
    """Markdown: per-intent F1 for every set, then per-entity F1 of each extractor."""
    intents = sorted({label for s in scores.values() for label in s.get("intent", {})})
    rows = []
    for intent in intents:
        row = {"intent": intent}
        for name, sets in scores.items():
            f1, support = sets.get("intent", {}).get(intent, (0.0, 0))
            row[f"{name} F1 (n)"] = f"{f1:.2f} ({support})"
        rows.append(row)
    parts = [table(rows)]
    for name, sets in scores.items():
        extractors = {k: v for k, v in sets.items() if k != "intent"}
        entities = sorted({label for v in extractors.values() for label in v})
        entity_rows = [
            {
                "entity": entity,
                **{
                    f"{k} F1 (n)": "{:.2f} ({})".format(*v.get(entity, (0.0, 0)))
                    for k, v in extractors.items()
                },
            }
            for entity in entities
        ]
        if entity_rows:
            parts.append(f"Entities, {name}:\n\n{table(entity_rows)}")
    return "\n\n".join(parts)


def training_seconds(workdir: Path) -> float:
    """Wall time of a fresh `rasa train` into a temporary folder."""
    started = time.monotonic()
    subprocess.run(
        [str(RASA), "train", "--force", "--out", str(workdir / "models"), "--quiet"],
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.monotonic() - started


def plot(results: List[Result], path: Path) -> None:
    """Latency distribution of every run, one box each (log scale)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axis = plt.subplots(figsize=(10, 4.5))
    axis.boxplot(
        [r.latencies_ms or [0] for r in results],
        vert=False,
        showfliers=False,
        labels=[r.label for r in results],
    )
    axis.set_xscale("log")
    axis.set_xlabel("latency per message (ms, log scale; whiskers 1.5 IQR)")
    axis.set_title("Latency per message")
    figure.tight_layout()
    figure.savefig(path, dpi=110)


def machine() -> str:
    """A line describing this machine."""
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    system = f"{platform.platform()}, Python {platform.python_version()}"
    return f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB, {system}"


def main(argv: Optional[List[str]] = None) -> int:
    """Run the benchmark; write docs/benchmarks.md and docs/latency.png."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=30.0, help="per load run")
    parser.add_argument("--users", type=int, default=20, help="concurrent users of the load runs")
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2, help="Sanic workers (make run: 2)")
    parser.add_argument("--skip-starter", action="store_true")
    parser.add_argument("--skip-nlu", action="store_true")
    args = parser.parse_args(argv)
    conversations = assistant_conversations(default_knowledge())
    env = {
        "WECHAT_TOKEN": TOKEN,
        "WECHAT_MODE": "safe",
        "WECHAT_APPID": APPID,
        "WECHAT_AES_KEY": AES_KEY,
        "WECHAT_APPSECRET": "",
    }
    results: List[Result] = []
    with tempfile.TemporaryDirectory(prefix="uia-bench-") as tmp:
        workdir = Path(tmp)
        handles: dict = {}
        stores, files = make_run_setup(workdir / "files", workers=args.workers)  # `make run`'s
        with running_assistant(
            workdir / "assistant", env={**env, **files}, handles=handles, stores=stores
        ) as url:
            pids = {"rasa": handles["processes"][1].pid, "actions": handles["processes"][0].pid}
            results += loads(
                url, "assistant REST", conversations, [1, args.users], args.seconds, pids
            )
            # py-spy pauses the workers for every sample: profile in a run of its own.
            actions_before = cpu_seconds(pids["actions"])
            with sampled(pids["rasa"]) as profile:
                profiled = asyncio.run(
                    run_load("profiled", url, conversations, args.users, args.seconds / 2)
                )
            costs = cost_section(
                profile,
                profiled.messages,
                cpu_seconds(pids["actions"]) - actions_before,
                args.users,
            )
            results += loads(
                url,
                "assistant WeChat safe",
                conversations,
                [1, args.users],
                args.seconds,
                pids,
                wechat=True,
            )
        if not args.skip_starter:
            starter: dict = {}
            with starter_bot(workdir, starter) as url:
                pids = {"rasa": starter["rasa"].pid}
                results += loads(
                    url, "starter REST", STARTER_CONVERSATIONS, [1, args.users], args.seconds, pids
                )
        held_out = ROOT / "results" / "nlu"
        nlu: Dict[str, Dict[str, float]] = {"held-out test set": nlu_figures(held_out)}
        scores: Dict[str, Scores] = {"held-out": label_scores(held_out)}
        extra: Dict[str, str] = {"model size": f"{MODEL.stat().st_size / 2**20:.1f} MB"}
        checks = {**action_check_ms(), **store_turn_ms(ROOT / "domain.yml")}
        if not args.skip_nlu:
            nlu[f"{args.folds}-fold cross-validation"] = cross_validation(
                args.folds, workdir / "cv"
            )
            scores[f"{args.folds}-fold CV"] = label_scores(workdir / "cv")
            extra["training time (fresh `rasa train`)"] = f"{training_seconds(workdir):.0f} s"
        else:
            extra["cross-validation and training time"] = "not run in this run (`--skip-nlu`)"
    DOCS.mkdir(exist_ok=True)
    plot(results, DOCS / "latency.png")
    matrix = held_out / "intent_confusion_matrix.png"
    if matrix.exists():
        shutil.copyfile(matrix, DOCS / "intent_confusion_matrix.png")
    write_report(results, nlu, extra, checks, per_label_tables(scores), args, costs)
    for result in results:
        print(" | ".join(f"{k} {v}" for k, v in result.row().items()))
    return 0


def write_report(
    results: List[Result],
    nlu: Dict[str, Dict[str, float]],
    extra: Dict[str, str],
    checks: Dict[str, float],
    per_label: str,
    args: argparse.Namespace,
    costs: str,
) -> None:
    """docs/benchmarks.md from the figures of this run."""
    ours = {r.users: r for r in results if r.label.startswith("assistant REST")}
    starter = {r.users: r for r in results if r.label.startswith("starter")}
    ratio = ""
    if args.users in ours and args.users in starter and starter[args.users].throughput:
        times = ours[args.users].throughput / starter[args.users].throughput
        ratio = (
            f"\nAt {args.users} users over REST our assistant handles **{times:.2f}×** the "
            "starter bot's messages per second on this machine in this run.\n"
        )
    nlu_rows = [
        {"set": name, **{k: f"{v:.3f}" for k, v in figures.items()}}
        for name, figures in nlu.items()
        if figures
    ]
    nlu_text = "\n\n".join(table([row]) for row in nlu_rows)
    text = f"""# Benchmarks

Produced by `make bench` (`bench/run.py`) on {time.strftime("%Y-%m-%d")}; every figure below
comes from that run. Machine: {machine()}.

Each load run plays multi-turn conversations generated from the knowledge base (every region,
area and topic, follow-ups included) for {args.seconds:.0f} s; WeChat runs sign and encrypt every
push with wechatpy (safe mode) and decrypt every reply. The starter bot is `rasa init`'s, served
the same way on the same machine in the same run. Latency is per message, end to end over HTTP.

## Load and latency

{table([r.row() for r in results])}
{ratio}
![latency](latency.png)

## What a turn costs

{costs}

## Per-turn costs, Rasa's stock behaviour against ours

Measured inside one process in this run. Every custom-action turn has Rasa check the action
server's reply against a JSON schema, and Rasa 3.6 re-checks the schema itself on each call;
`components/action_validation.py` prepares the validator once. The SQLite tracker store (the
`make run` default) loads and saves the conversation on every turn;
`bot/stores/sql.py` keeps its connections pooled and the file in write-ahead-log mode.

{table([{"per turn": k, "ms": f"{v:.2f}"} for k, v in checks.items()])}

## NLU

{nlu_text}

{table([{"figure": k, "value": v} for k, v in extra.items()])}

### Per intent and per entity

{per_label}

Intent confusion matrix of the held-out test (from `make nlu-test`):

![intent confusion matrix](intent_confusion_matrix.png)
"""
    path = DOCS / BENCHMARKS_FILE
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    for heading in KEPT_HEADINGS:
        text = with_section(text, heading, section(old, heading))
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
