# The README's two commands: `make demo` and `make test`. Both set everything up
# from a fresh clone: a virtualenv, the dependencies, the database and translations.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed

.PHONY: demo test install migrate messages lint check browser clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

messages: install
	$(MANAGE) compile_translations -v 0

migrate: install
	$(MANAGE) migrate --noinput -v 0

demo: messages migrate
	$(MANAGE) load_demo
	@echo "Serving at http://127.0.0.1:8000/  (Ctrl-C to stop)"
	$(MANAGE) runserver 127.0.0.1:8000

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: install
	DJANGO_SETTINGS_MODULE=heritage.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=heritage.settings.test $(MANAGE) makemigrations --check --dry-run --noinput

# The suite runs on SQLite (the embedded default) and on PostgreSQL (production),
# which scripts/postgres.sh installs and starts when absent. TEST_DATABASES=sqlite
# runs only the first.
TEST_DATABASES ?= sqlite postgres

browser:
	@scripts/chromium.sh || [ -z "$$CI" ] || exit 1

# The engines and the stages of the run are in scripts/run-tests.sh: an Elasticsearch
# node, Redis and an S3 server (moto) for the suite, which runs on SQLite and on
# PostgreSQL; then a two-node Elasticsearch cluster; then the production topology
# (scripts/stack.sh). On CI an engine that will not start fails the run; locally the
# tests that need it are skipped instead. What the run starts it stops (pass or fail);
# servers already running before it (a developer's) are left alone.
# TEST_STAGES="suite" runs only the suite.
TEST_STAGES ?= suite cluster stack

test: messages lint check browser
	TEST_DATABASES="$(TEST_DATABASES)" TEST_STAGES="$(TEST_STAGES)" PYTEST_ARGS="$(PYTEST_ARGS)" scripts/run-tests.sh

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-wal db.sqlite3-shm media staticfiles
