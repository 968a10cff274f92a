"""A few seconds of the load benchmark against the running assistant (the full run is `make bench`)."""

from __future__ import annotations

import asyncio

import pytest

from bench.conversations import assistant_conversations
from bench.inprocess import action_check_ms, store_turn_ms
from bench.loadgen import run_load
from bench.run import label_scores, per_label_tables
from harness.servers import ROOT


def test_rest_and_wechat_smoke(assistant_url, knowledge):
    conversations = assistant_conversations(knowledge)
    for wechat in (False, True):
        result = asyncio.run(
            run_load(
                "smoke",
                assistant_url,
                conversations,
                users=2,
                duration_s=3,
                wechat=wechat,
                safe=False,
                progress=False,
            )
        )
        assert result.messages > 0 and result.errors == 0
        assert result.percentile(0.95) > 0
        assert set(result.row()) >= {"msg/s", "p95 ms", "p99 ms", "errors"}


def test_conversations_cover_every_region_and_office(knowledge):
    text = "\n".join(" ".join(c) for c in assistant_conversations(knowledge))
    for data in knowledge.regions.values():
        assert data.region.short_name in text
        assert all(office.area in text for office in data.offices)


def test_in_process_costs_measure_stock_and_ours():
    figures = {**action_check_ms(calls=3), **store_turn_ms(ROOT / "domain.yml", turns=6)}
    assert len(figures) == 4 and all(ms > 0 for ms in figures.values())


def test_per_label_tables_from_the_held_out_report():
    folder = ROOT / "results" / "nlu"
    if not (folder / "intent_report.json").exists():
        pytest.skip("no held-out NLU report: run `make nlu-test` first")
    text = per_label_tables({"held-out": label_scores(folder)})
    assert "| ask_office |" in text and "| area |" in text
