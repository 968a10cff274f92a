"""The turn-cost profile: samples grouped by stage, and a real py-spy run on a busy process."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from bench.profile import OTHER, Sampled, cost_rows, py_spy, read_samples, sampled, stage_of

RAW = """\
process 1:"rasa run";handle (bot/channels/guard.py:93);save (rasa/core/tracker_store.py:1456) 30
process 1:"rasa run";get_async (dask/local.py:499);process (rasa/nlu/classifiers/diet_classifier.py:1049) 20
process 1:"rasa run";get_async (dask/local.py:499);process (rasa/nlu/featurizers/sparse_featurizer/regex_featurizer.py:149) 10
process 1:"rasa run";get_async (dask/local.py:499);predict (rasa/core/policies/rule_policy.py:1113) 10
process 1:"rasa run";run (rasa/core/actions/action.py:780) 10
process 1:"rasa run";get_async (dask/local.py:499) 5
process 1:"rasa run";http1 (sanic/http.py:146) 10
process 1:"rasa run";_update (rasa/shared/core/trackers.py:700) 5
thread;_bootstrap (threading.py:973);_worker (concurrent/futures/thread.py:81) 40
not a sample line
"""


@pytest.mark.parametrize(
    "stack, stage",
    [
        ("a (sanic/http.py:1);b (rasa/core/tracker_store.py:9)", "tracker store"),
        ("a (dask/local.py:1);b (rasa/nlu/classifiers/diet_classifier.py:9)", "DIET"),
        ("a (dask/local.py:1);b (components/tokenizer.py:9)", "Jieba"),
        ("a (dask/local.py:1);b (rasa/core/policies/memoization.py:9)", "policies"),
        ("a (jsonschema/validators.py:288)", "action server call"),
        ("a (dask/local.py:1)", "graph runner"),
        ("a (bot/channels/fairness.py:1)", "channel"),
        ("a (rasa/core/processor.py:1)", "other"),
    ],
)
def test_a_stack_belongs_to_its_most_specific_stage(stack, stage):
    assert stage in stage_of(stack)


def test_costs_per_message_split_the_cpu_time_by_sample_share():
    samples = read_samples(RAW)
    assert sum(samples.values()) == 100 and samples[OTHER] == 5
    rows = cost_rows(Sampled(samples=samples, cpu_seconds=2.0), messages=100)  # 20 ms each
    by_stage = {row["stage"]: row for row in rows}
    store = next(row for stage, row in by_stage.items() if stage.startswith("tracker store"))
    assert store == {
        "stage": store["stage"],
        "share of samples": "30%",
        "CPU ms per message": "6.0",
    }
    assert by_stage["**all**"]["CPU ms per message"] == "20.0"
    assert cost_rows(Sampled(), messages=100) == []


@pytest.mark.skipif(py_spy() is None, reason="py-spy is in requirements-dev.txt")
def test_py_spy_samples_a_busy_process_and_its_cpu_time_is_read():
    busy = subprocess.Popen(
        [sys.executable, "-c", "import time\nend = time.time() + 30\nwhile time.time() < end: pass"]
    )
    try:
        time.sleep(0.5)
        with sampled(busy.pid) as measured:
            time.sleep(1.5)
    finally:
        busy.kill()
        busy.wait()
    assert measured.error == ""
    assert sum(measured.samples.values()) > 50  # 100 a second while it spins
    assert 0.8 < measured.cpu_seconds < 2.5


def test_the_process_tree_holds_the_workers_a_server_forks():
    from bench.proc import process_tree

    code = "import subprocess, sys, time\nsubprocess.Popen([sys.executable, '-c', 'import time; time.sleep(30)'])\ntime.sleep(30)"
    parent = subprocess.Popen([sys.executable, "-c", code])
    try:
        deadline = time.monotonic() + 10
        while len(process_tree(parent.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        tree = process_tree(parent.pid)
        assert tree[0] == parent.pid and len(tree) == 2
    finally:
        for pid in process_tree(parent.pid)[::-1]:
            subprocess.run(["kill", "-9", str(pid)], check=False)
        parent.wait()
