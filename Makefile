# contentqa: set up, test, benchmark.
#   make install   create .venv and install contentqa with its dev extras
#   make test      run the test suite (fails when no test ran)
#   make bench     run the benchmarks against ../shared (says so when it is absent)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
BENCH_OUT ?= bench-out

.PHONY: install test bench bench-gold clean

install: $(BIN)/contentqa

$(BIN)/contentqa: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

test: install
	$(BIN)/python -m pytest -q

bench: install bench-gold

bench-gold: install
	$(BIN)/python -m benchmarks.gold_precision --shared $(SHARED) --out $(BENCH_OUT)/gold

clean:
	rm -rf $(VENV) $(BENCH_OUT) .pytest_cache
