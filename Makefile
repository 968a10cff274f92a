# 失业保险助手: `make run` starts the assistant, `make test` runs every test.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
MODEL := models/assistant.tar.gz
TRAINING_INPUTS := domain.yml config.yml $(wildcard data/*.yml) $(wildcard components/*.py) generated/jieba/userdict.txt

.PHONY: run shell test lint unit validate nlu-test core-test assets train browser services bench fuzz clean

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
	$(PY) scripts/nlu_report.py results/nlu

core-test: $(MODEL)
	$(RASA) test core --stories tests/test_stories.yml --model $(MODEL) --out results/core --fail-on-prediction-errors

## Everything CI runs: lint, data validation, unit + end-to-end tests, NLU and story tests.
test: lint validate $(MODEL) nlu-test core-test unit

## Load, latency, NLU and training figures → docs/benchmarks.md, docs/latency.png (~10 min).
bench: $(MODEL) nlu-test
	$(PY) -m bench.run
	$(PY) -m bench.sessions

## Seeded fuzzing of every channel: 10,000 inputs, both WeChat modes, memory watched (~6 min).
fuzz: $(MODEL)
	$(PY) -m bench.fuzz --doc docs/benchmarks.md

clean:
	rm -rf models results
