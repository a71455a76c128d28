# Two commands for a newcomer on a fresh Debian machine:
#   make run    set up, migrate, load demo data, serve on http://127.0.0.1:8000
#   make test   ruff, import contracts and the test suite on SQLite (and PostgreSQL when reachable)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
HOST ?= 127.0.0.1:8000

.PHONY: run test setup lint test-sqlite test-postgres bench clean

$(BIN)/gongkai: pyproject.toml requirements.lock
	tools/system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(BIN)/gongkai

setup: $(BIN)/gongkai

run: setup
	$(BIN)/gongkai migrate --no-input
	$(BIN)/gongkai demo
	$(BIN)/gongkai collectstatic --no-input --verbosity 0
	@echo "公开 · 政府信息公开平台：http://$(HOST)/  后台：http://$(HOST)/admin/"
	$(BIN)/gongkai runserver $(HOST) --nostatic

lint: setup
	$(BIN)/ruff check .
	$(BIN)/lint-imports

test-sqlite: setup
	$(BIN)/pytest -q

test-postgres: setup
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(PG_URL)', connect_timeout=3).close()" 2>/dev/null; then \
		echo "== PostgreSQL: $(PG_URL)"; DATABASE_URL=$(PG_URL) $(BIN)/pytest -q; \
	else echo "== PostgreSQL not reachable at $(PG_URL): suite ran on SQLite only"; fi

test: lint test-sqlite test-postgres

bench: setup
	$(BIN)/python -m bench.run_all

clean:
	rm -rf $(VENV) var
