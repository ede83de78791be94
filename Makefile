# Two commands: `make run` opens the bundled example; `make test` runs the linters (ruff, the
# format check, mypy, the import contract) and the whole suite (installing tmux and PostgreSQL's
# server with apt-get when missing: the suite starts its own throwaway cluster).
# Both create .venv and install the project on first use (and again when pyproject.toml changes).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/brief

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: $(STAMP) lint
	@command -v tmux >/dev/null 2>&1 || { command -v apt-get >/dev/null 2>&1 && \
		(apt-get install -y -qq tmux >/dev/null 2>&1 || \
		 (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq tmux >/dev/null 2>&1)) || \
		echo "tmux not installed: the real-terminal test will be skipped"; }
	@# PostgreSQL's server binaries, for the tests of the team store: the tests start (and stop)
	@# a throwaway cluster of their own on a Unix socket (tests/pgcluster.py); with CI=true
	@# they fail rather than skip when the binaries are missing.
	@{ command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; } || \
		{ command -v apt-get >/dev/null 2>&1 && \
		(DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null 2>&1 || \
		 (apt-get update -qq >/dev/null 2>&1 && \
		  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null 2>&1)) || \
		echo "PostgreSQL not installed: the team-store tests will be skipped (not under CI=true)"; }
	$(BIN)/python -m pytest

# `make bench`: issue 12's table (bench/table.py: every row against a baseline timed in the same
# run, in tmux at 120x40, and the scale curve at 100 / 1,000 / 5,000 briefs; 5-10 minutes, and
# the first run also generates the workspaces into bench/.work/), then the smaller benchmarks.
# Prints only: nothing is judged. Options: make bench BENCH_ARGS="--runs 5 --big-runs 3".
BENCH_ARGS ?=

bench: $(STAMP)
	@command -v tmux >/dev/null 2>&1 || { command -v apt-get >/dev/null 2>&1 && \
		(apt-get install -y -qq tmux >/dev/null 2>&1 || \
		 (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq tmux >/dev/null 2>&1)); } || \
		{ echo "make bench needs tmux"; exit 1; }
	$(BIN)/python -m bench.table $(BENCH_ARGS)
	$(BIN)/python -m bench.problems
	$(BIN)/python -m bench.reader
	$(BIN)/python -m bench.review
	$(BIN)/python -m bench.costs

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache dist build
