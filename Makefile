# Gongkai — developer entry points. `make run` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
PYTEST_ARGS ?=

.PHONY: install run serve test lint typecheck pytest migrate demo clean architecture

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

migrate: install
	$(BIN)/gongkai migrate --noinput

demo: migrate
	$(BIN)/gongkai load-demo

run: demo
	@echo "Gongkai: http://$(HOST):$(PORT)/  后台 http://$(HOST):$(PORT)/admin/ （演示账号见 README）"
	$(BIN)/gongkai runserver $(HOST):$(PORT)

test: lint typecheck pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: install
	$(BIN)/mypy gongkai

pytest: install
	$(BIN)/pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

# The numbers of docs/architecture.md: cycles, local imports, writes outside services, …
architecture:
	$(PYTHON) tools/archcheck.py

clean:
	rm -rf $(VENV) var/test_gongkai.sqlite3* .pytest_cache .mypy_cache .ruff_cache
