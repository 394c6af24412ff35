# checker: one front door. `make help` lists the targets.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.DEFAULT_GOAL := help
.PHONY: help run test lint typecheck bench golden clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP) ## set everything up and check seeds/ into reports/
	$(BIN)/checker check seeds/ --reports reports

test: $(STAMP) ## set everything up and run the whole test suite
	$(BIN)/python -m pytest

lint: $(STAMP) ## ruff over the code
	$(BIN)/ruff check checker tests bench
	$(BIN)/ruff format --check checker tests bench

typecheck: $(STAMP) ## mypy --strict over the package
	$(BIN)/mypy

bench: $(STAMP) ## extraction accuracy and speed against the gold set
	$(BIN)/python bench/extraction.py

clean: ## remove the environment, caches and generated reports
	rm -rf $(VENV) .checker .pytest_cache .mypy_cache .ruff_cache reports/runs reports/latest.*
