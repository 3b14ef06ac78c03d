# The two commands of a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 5000
TEST_DATABASE_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
export FLASK_APP := incubator.app:create_app

.PHONY: install audit-tools translations migrate seed run test test-sqlite test-postgresql lint bench

$(BIN)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

install: $(BIN)/.installed

# axe-core and the Nu HTML checker (vnu-jar) for the page audits, pinned in package-lock.json.
# --ignore-scripts: vnu-jar's postinstall would download a Java runtime; Debian's java serves.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --ignore-scripts --no-audit --no-fund && touch $@; \
	else echo "npm is missing: the page audits will skip (apt-get install npm default-jre-headless)"; fi

audit-tools: node_modules/.installed

translations: install
	$(BIN)/pybabel compile -d incubator/translations -D "messages wtforms"

migrate: install
	$(BIN)/flask db upgrade

seed: migrate
	$(BIN)/flask seed-demo

# Web server and one Celery worker with beat inside it (-B: the matching sweep, the weekly
# introduction reminders) on the embedded default (SQLite, no Redis); Ctrl-C stops both.
run: translations seed
	@echo "Serving on http://$(HOST):$(PORT) with a Celery worker; demo accounts are listed in README.md"
	$(BIN)/celery -A worker.celery_app worker -B --loglevel=info --concurrency=2 & \
	worker=$$!; trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(BIN)/flask run --host $(HOST) --port $(PORT)

# The whole suite on SQLite, then again on PostgreSQL (matchcore's pure tests run once).
test: translations audit-tools test-sqlite test-postgresql

test-sqlite: install
	$(BIN)/python -m pytest -p no:cacheprovider

test-postgresql: install
	TEST_DATABASE_URL=$(TEST_DATABASE_URL) $(BIN)/python -m pytest -p no:cacheprovider --ignore=tests/matchcore

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: install
	$(BIN)/python bench/bench_matchcore.py
