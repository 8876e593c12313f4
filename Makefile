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

# Elasticsearch: scripts/elasticsearch.sh fetches the integ-test-zip from Maven Central,
# builds the language-analysis plugin and starts a node on 127.0.0.1. On CI a node that
# will not start fails the run; locally the Elasticsearch tests are skipped instead.
# The servers the run starts are stopped when it ends (pass or fail); ones already
# running before it (a developer's) are left alone.
test: messages lint check browser
	@scripts/elasticsearch.sh status >/dev/null 2>&1 && es_was_up=1 || es_was_up=; \
	scripts/postgres.sh status >/dev/null 2>&1 && pg_was_up=1 || pg_was_up=; \
	trap '[ -n "$$es_was_up" ] || scripts/elasticsearch.sh stop >/dev/null 2>&1; [ -n "$$pg_was_up" ] || scripts/postgres.sh stop >/dev/null 2>&1' EXIT; \
	es_url=$$(scripts/elasticsearch.sh start) || { [ -z "$$CI" ] || exit 1; es_url=; }; \
	export ELASTICSEARCH_TEST_URL=$$es_url; \
	for db in $(TEST_DATABASES); do \
	  echo "== tests on $$db"; \
	  if [ "$$db" = postgres ]; then \
	    url=$$(scripts/postgres.sh start) || exit 1; \
	    DATABASE_URL=$$url $(BIN)/pytest $(PYTEST_ARGS) || exit 1; \
	  else \
	    env -u DATABASE_URL $(BIN)/pytest $(PYTEST_ARGS) || exit 1; \
	  fi; \
	done

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles
