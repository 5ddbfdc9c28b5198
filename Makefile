# Two commands on a fresh machine with python3 and make:  `make run`  and  `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SAMPLE := samples/seed-markdown-mirror/input.md

.PHONY: run test lint bench gate record throughput speed fuzz clean-venv

# The stamp files make repeated runs fast; editing pyproject.toml reinstalls.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	# The machine's pip 23.2 mis-resolves readability-lxml's lxml extras: upgrade it first.
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $@ $(VENV)/.installed $(VENV)/.installed-test

## run: clean the seed sample and print its Markdown
run: $(VENV)/.installed
	$(BIN)/cleaner $(SAMPLE)

## test: ruff, mypy and the whole test suite
test: $(VENV)/.installed-test
	$(BIN)/ruff check cleaner tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest

## gate: the AEB quality floor CI enforces (seconds; core install only)
gate: $(VENV)/.installed-test
	$(BIN)/python -m bench.run --gate

## bench: cleaner against trafilatura and readability-lxml on ../shared/bench (minutes)
bench: $(VENV)/.installed-bench
	$(BIN)/python -m bench.run $(BENCH_ARGS)

## speed: ms/page (median, p95) beside trafilatura, readability, resiliparse; memory; start-up
speed: $(VENV)/.installed-bench
	$(BIN)/python -m bench.speed $(SPEED_ARGS)

## throughput: batch pages/s with -j 1, -j 2 and dask, parent memory, trafilatura's batch mode
throughput: $(VENV)/.installed-bench
	$(BIN)/python -m bench.throughput $(THROUGHPUT_ARGS)

## fuzz: a long fuzz run over `clean` (100,000 inputs, about 10 minutes; not part of test)
fuzz: $(VENV)/.installed-test
	$(BIN)/python -m bench.fuzz --examples 100000 $(FUZZ_ARGS)

## record: rewrite samples' expected files from the current output (review the diff!)
record: $(VENV)/.installed-test
	CLEANER_RECORD=1 $(BIN)/python -m pytest tests/test_samples.py

clean-venv:
	rm -rf $(VENV)
