# 失业保险助手: `make run` starts the assistant, `make test` runs every test.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
MODEL := models/assistant.tar.gz
# Floors of the held-out NLU test (make nlu-test fails below them); measured: 0.93–0.944 / 0.97–0.98 (DIET and regex).
MIN_INTENT_F1 := 0.90
MIN_ENTITY_F1 := 0.93
TRAINING_INPUTS := domain.yml config.yml $(wildcard data/*.yml) $(wildcard components/*.py) generated/jieba/userdict.txt

.PHONY: run shell test lint unit validate nlu-test core-test assets train browser services bench fuzz report clean

$(VENV)/.installed: requirements.txt requirements-dev.txt scripts/setup_venv.sh
	bash scripts/setup_venv.sh

$(MODEL): $(VENV)/.installed $(TRAINING_INPUTS)
	$(RASA) train --fixed-model-name assistant --out models --quiet

train: $(MODEL)

## Regenerate the office tables and NLU assets from knowledge/ (commit the result).
assets: $(VENV)/.installed
	$(PY) -m bot.knowledge.extract
	$(PY) -m bot.nlu_assets
	$(PY) -m bot.topics.rules

## Train if needed, then serve the action server and the Rasa server (REST on :5005).
run: $(MODEL)
	bash scripts/run.sh

## Talk to the assistant in the terminal.
shell: $(MODEL)
	bash scripts/run.sh --shell

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

## Debian's Chromium for the web chat browser tests (installed when missing and root).
browser:
	bash scripts/install_chromium.sh

## Redis and PostgreSQL 15 for the scale-out tests (installed when missing and root).
services:
	bash scripts/install_services.sh

unit: $(MODEL) browser services
	$(PY) -m pytest -q tests

validate: $(VENV)/.installed
	$(PY) scripts/validate_data.py

nlu-test: $(MODEL)
	$(RASA) test nlu --nlu tests/nlu_test.yml --model $(MODEL) --out results/nlu
	$(PY) scripts/nlu_report.py results/nlu --min-intent-f1 $(MIN_INTENT_F1) --min-entity-f1 $(MIN_ENTITY_F1)

core-test: $(MODEL)
	$(RASA) test core --stories tests/test_stories.yml --model $(MODEL) --out results/core --fail-on-prediction-errors

## Everything CI runs: lint, data validation, unit + end-to-end tests, NLU and story tests.
test: lint validate $(MODEL) nlu-test core-test unit

## Load, latency, turn costs, NLU, long conversations, crashes, the report at scale → docs/benchmarks.md (~40 min).
bench: $(MODEL) nlu-test
	$(PY) -m bench.run
	$(PY) -m bench.sessions
	$(PY) -m bench.resilience
	$(PY) -m bench.report_scale

## What people asked and what went unanswered, last 7 days: reports/report.html, .md, NLU candidates.
report: $(VENV)/.installed
	$(PY) -m bot.report --endpoints $(if $(filter scale,$(STACK)),deploy/endpoints.scale.yml,endpoints.yml) --since $(or $(SINCE),7d) --out reports

## Seeded fuzzing of every channel: 10,000 inputs, both WeChat modes, memory watched (~6 min).
fuzz: $(MODEL)
	$(PY) -m bench.fuzz --doc docs/benchmarks.md

clean:
	rm -rf models results
