# contentqa: set up, test, benchmark.
#   make install   create .venv and install contentqa with its dev extras
#   make test      run the test suite (fails when no test ran)
#   make bench     run the benchmarks against ../shared (says so when it is absent)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
BENCH_OUT ?= bench-out

.PHONY: install browser screenshot test bench bench-gold bench-labelled bench-halves bench-fresh bench-residue bench-chatter bench-speed bench-anchor bench-dashboard bench-scale bench-million stress model clean

install: $(BIN)/contentqa browser
	@$(BIN)/python -m compileall -q contentqa >/dev/null  # byte-compiled as a wheel install is: every start reads it

$(BIN)/contentqa: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

# the dashboard test drives Debian's chromium; installed where it is missing and apt-get may run
# (the test says why it skips when neither is possible)
browser:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then exit 0; fi; \
	SUDO=$$( [ "$$(id -u)" = 0 ] && echo "" || echo "sudo -n" ); \
	if command -v apt-get >/dev/null && { [ -z "$$SUDO" ] || $$SUDO true 2>/dev/null; }; then \
	  echo "installing chromium and chromium-driver (Debian) for the dashboard test"; \
	  $$SUDO apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null \
	  || echo "could not install chromium; the dashboard browser test will be skipped"; \
	else echo "no apt-get (or no root): chromium not installed; the dashboard browser test will be skipped"; fi

# the README's screenshot of the dashboard, as the browser test renders it
screenshot: install
	CONTENTQA_SCREENSHOT_DIR=docs $(BIN)/python -m pytest -q tests/test_dashboard.py -k person

test: install
	$(BIN)/python -m pytest -q

bench: install bench-gold bench-labelled bench-halves bench-fresh bench-residue bench-chatter bench-speed bench-anchor bench-dashboard
	$(BIN)/python -m benchmarks.report --out $(BENCH_OUT) --shared $(SHARED) --write BENCHMARKS.md --model-card models/artifact-detector.md

bench-gold: install
	$(BIN)/python -m benchmarks.gold_precision --shared $(SHARED) --out $(BENCH_OUT)/gold

bench-labelled: install
	$(BIN)/python -m benchmarks.labelled_bench --shared $(SHARED) --out $(BENCH_OUT)/bench --n 2000 --seed 1

# generalisation: the public bank split in two; rules were tuned looking at half A only
# The classifier used here is trained on a half-A bench of its own (seed 2), never on half B.
HALVES := $(BENCH_OUT)/halves
bench-halves: install
	@if [ ! -f $(SHARED)/bench/make_bench.py ]; then echo "bench-halves: $(SHARED)/bench is absent; skipped"; exit 0; fi; \
	set -e; \
	$(BIN)/python -m benchmarks.split_bank --shared $(SHARED) --out $(HALVES) --n 2000 --seed 1 --train-seed 2; \
	$(BIN)/contentqa train --labels $(HALVES)/train_a/bench/labels.jsonl -o $(HALVES)/model-a/artifact-detector; \
	for code in ML001 ML002; do \
	  printf '[tool.contentqa.rules.%s]\nmodel = "%s"\n' $$code "$(abspath $(HALVES))/model-a/artifact-detector"; \
	done > $(HALVES)/contentqa.toml; \
	for half in a b; do \
	  $(BIN)/python -m benchmarks.labelled_bench --shared $(SHARED) --out $(HALVES)/half_$$half \
	    --bank $(HALVES)/bank_half_$$half.yaml --n 2000 --seed 1 --config $(HALVES)/contentqa.toml; \
	done

# generalisation to wording nobody tuned on: a bank written for this project, split the same way
# (rules were studied on half A only), 1,000 documents per half, with the shipped classifier
FRESH := $(BENCH_OUT)/fresh-halves
bench-fresh: install
	@if [ ! -f $(SHARED)/bench/make_bench.py ]; then echo "bench-fresh: $(SHARED)/bench is absent; skipped"; exit 0; fi; \
	set -e; \
	$(BIN)/python -m benchmarks.split_bank --shared $(SHARED) --out $(FRESH) --n 1000 --seed 11 --bank benchmarks/banks/bank_fresh.yaml; \
	for half in a b; do \
	  $(BIN)/python -m benchmarks.labelled_bench --shared $(SHARED) --out $(FRESH)/half_$$half \
	    --bank $(FRESH)/bank_half_$$half.yaml --n 1000 --seed 11; \
	done

# real extractor output and independent chatter, on their dev splits (the detector never saw them)
bench-residue: install
	$(BIN)/python -m benchmarks.residue_bench --shared $(SHARED) --out $(BENCH_OUT)/residue
	$(BIN)/python -m benchmarks.residue_curve --shared $(SHARED) --out $(BENCH_OUT)/residue-curve

bench-chatter: install
	$(BIN)/python -m benchmarks.chatter_bench --shared $(SHARED) --out $(BENCH_OUT)/chatter

# check's throughput on 500 of the labelled bench's documents, one core, beside the commit before the detector
bench-speed: install
	$(BIN)/python -m benchmarks.speed --docs $(BENCH_OUT)/bench/bench/docs --n 500 --reference 9916c8a --out $(BENCH_OUT)/speed

# the shipped artifact detector, trained reproducibly on the train splits only: residue train pages,
# chatter train lines and documents, a public-bank bench of its own seed (101, not the evaluation
# seed) and the seeds
# throughput per core beside datatrove's C4 + Gopher quality + Gopher repetition + FineWeb filters,
# which live in their own environment (benchmark only; never a contentqa dependency)
ANCHOR_VENV := .venv-anchor
$(ANCHOR_VENV)/bin/python:
	$(PYTHON) -m venv $(ANCHOR_VENV)
	$(ANCHOR_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(ANCHOR_VENV)/bin/python -m pip install --quiet 'datatrove==0.10.1' regex nltk spacy

bench-anchor: install $(ANCHOR_VENV)/bin/python
	$(BIN)/python -m benchmarks.anchor --docs $(BENCH_OUT)/bench/bench/docs --n 1000 --repeat 3 \
	  --anchor-python $(ANCHOR_VENV)/bin/python --out $(BENCH_OUT)/anchor

# scale (hours; not part of make bench): peak memory of clean at 10,000 and 100,000 synthetic
# documents, then a clean of 1,000,000 with 2 workers (wall time, peak RSS, docs/s)
# the dashboard of the labelled bench's report repeated to 50,000 documents: page size, draw and open times
bench-dashboard: install
	$(BIN)/python -m benchmarks.dashboard_scale --docs $(BENCH_OUT)/bench/bench/docs --rows 50000 --out $(BENCH_OUT)/dashboard

# kill `clean` with SIGKILL ten times and resume it: the output must equal an uninterrupted run's
stress: install
	$(BIN)/python -m benchmarks.stress --n 2000 --kills 10 --out $(BENCH_OUT)/stress

bench-scale: install
	$(BIN)/python -m benchmarks.memory --sizes 10000 100000 --out $(BENCH_OUT)/memory
	$(BIN)/python -m benchmarks.memory --sizes 10000 100000 --workers 2 --out $(BENCH_OUT)/memory-2

# about two hours on two cores (1.96 hours, 141.4 docs/s, peak RSS 143.4 MB measured at a7d3089)
bench-million: install
	$(BIN)/python -m benchmarks.memory --sizes 10000 1000000 --workers 2 --out $(BENCH_OUT)/million

model: install
	@if [ ! -f $(SHARED)/bench/make_bench.py ]; then echo "model: $(SHARED)/bench is absent; cannot retrain"; exit 1; fi; \
	set -e; \
	$(BIN)/python -m benchmarks.labelled_bench --shared $(SHARED) --out $(BENCH_OUT)/train --n 3000 --seed 101 --generate-only; \
	$(BIN)/python -m benchmarks.train_detector --shared $(SHARED) --bench $(BENCH_OUT)/train/bench -o models/artifact-detector

clean:
	rm -rf $(VENV) $(BENCH_OUT) .pytest_cache
