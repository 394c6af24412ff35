# checker: one front door. `make help` lists the targets.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
RUNTIME := $(VENV)/.runtime-stamp

.DEFAULT_GOAL := help
.PHONY: help run test lint typecheck bench golden clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

# `make run` needs the runtime only; the test, lint and bench targets add the dev extras.
$(RUNTIME): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(RUNTIME)

$(STAMP): $(RUNTIME)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(RUNTIME) ## set up the runtime only and check seeds/ into reports/
	$(BIN)/checker check seeds/ --reports reports

test: $(STAMP) browser postgres ## set everything up and run the whole test suite
	$(BIN)/python -m pytest

lint: $(STAMP) ## ruff over the code
	$(BIN)/ruff check checker tests bench tools
	$(BIN)/ruff format --check checker tests bench tools

typecheck: $(STAMP) ## mypy --strict over the package
	$(BIN)/mypy

bench: $(STAMP) ## extraction accuracy and speed; period and modality accuracy; web page and PDF reading speed; cross-language links
	$(BIN)/python bench/extraction.py
	$(BIN)/python bench/periods.py
	$(BIN)/python bench/formats.py
	$(BIN)/python bench/crosslang.py

clean: ## remove the environment, caches and generated reports
	rm -rf $(VENV) .checker .pytest_cache .mypy_cache .ruff_cache reports/runs reports/latest.*

# The browser tests drive reports/latest.html in Debian's Chromium; Playwright never downloads a browser here.
# A CJK font comes with it so Chinese renders in the screenshots (the base image has none).
.PHONY: browser postgres schema opencc-table units-table nfkc-table
browser: ## install headless Chromium for the browser tests (as root, when missing)
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-wqy-microhei; \
	else echo "browser: /usr/bin/chromium is missing and installing it needs root; the browser tests will be skipped" >&2; fi

# The PostgreSQL tests start a server of their own (initdb + pg_ctl in a temporary folder); they need
# only Debian's server binaries: no system cluster is created or started.
postgres: ## install the PostgreSQL server binaries for the PostgreSQL tests (as root, when missing)
	@if ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || command -v pg_ctl >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		mkdir -p /etc/postgresql-common && echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.conf; \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
			-o Dpkg::Options::=--force-confold postgresql; \
	else echo "postgres: pg_ctl is missing and installing it needs root; the PostgreSQL tests will be skipped" >&2; fi

opencc-table: $(STAMP) ## regenerate checker/extract/opencc_chars.py from OpenCC's character table
	$(BIN)/python tools/opencc_table.py

units-table: $(STAMP) ## regenerate checker/units/table.json (the units the extractor needs) from pint
	$(BIN)/python tools/units_table.py

nfkc-table: $(STAMP) ## regenerate checker/extract/data/nfkc.json (normalisation's NFKC rewrites) from unicodedata
	$(BIN)/python tools/nfkc_table.py

schema: $(STAMP) ## regenerate docs/report.schema.json from the report models
	$(BIN)/python -m checker.report.schema docs/report.schema.json

# Starts the real `checker watch` on synthetic 1,000- and 10,000-document corpora; takes several minutes.
.PHONY: bench-latency
bench-latency: $(STAMP) ## time from a file write to the updated latest.json (1k and 10k documents)
	$(BIN)/python bench/latency.py

# In-process phase timers: a cold check, the service's start-up and five edits at 10,000 documents; minutes.
.PHONY: bench-phases
bench-phases: $(STAMP) ## where one run's time goes, phase by phase (service edits; PHASES=--cli for a command's)
	$(BIN)/python bench/phases.py $(PHASES)

# Fresh `python -m checker` processes: --help, claims of one file, check of a one-document folder (new
# store each run), against the commit before the fast start in the same run; then -X importtime's top lines.
.PHONY: bench-start
bench-start: $(STAMP) ## start-up time: --help, claims one.txt, check of one document; top import costs
	$(BIN)/python bench/start.py

# Report writing at 1,000 and 10,000 synthetic documents, this tree against where it left main; several minutes.
.PHONY: bench-reports
bench-reports: $(STAMP) ## time to write a run's reports: cold, unchanged, one edited document (1k and 10k)
	$(BIN)/python bench/report_scale.py

# Cross-language linking CPU time on synthetic corpora (1k, 2k, 5k documents), the candidate index against
# the exhaustive loop it replaced (up to 2k); a few minutes, most of it extraction.
.PHONY: bench-linking
bench-linking: $(STAMP) ## cross-language linking time as the corpus grows: indexed vs every pair
	$(BIN)/python bench/linking.py

# The README's pictures, from the seeds with one changed figure (tools/screenshots.py): never by hand.
.PHONY: screenshots
screenshots: $(STAMP) browser ## docs/*.png: landing view, an opened finding, a document view, the run index
	$(BIN)/python tools/screenshots.py docs

# Cold checks of synthetic 10,000- and 100,000-document corpora on SQLite and on a PostgreSQL server it
# starts, serial against a Dask LocalCluster; the 100,000 size takes a long while on two cores.
.PHONY: bench-cluster
bench-cluster: $(STAMP) postgres ## cold check: SQLite + serial vs PostgreSQL + Dask (10k and 100k documents)
	$(BIN)/python bench/cluster.py --sizes 10000 100000 --jobs 2

# Cold check, unchanged re-check, one edit, one deletion and a burst of 100 new files at 1k, 10k and 100k
# synthetic documents: CLI wall time, service latency and peak memory (bench/scale.py); hours on two busy
# cores.  `make bench-scale SCALE=--quick` is 1,000 documents in a few minutes.
.PHONY: bench-scale
bench-scale: $(STAMP) ## what one change costs at 1k, 10k and 100k documents (CLI, service, memory)
	$(BIN)/python bench/scale.py --out .checker/bench-scale.json $(SCALE)
