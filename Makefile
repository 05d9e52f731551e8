# councilgraph — the two commands a user needs: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STORE ?= ./data/store
HOST ?= 127.0.0.1
PORT ?= 5000
INSTALLED := $(VENV)/.installed
# Python keeps the modules it compiles (its default, which an environment's PYTHONDONTWRITEBYTECODE
# would turn off): the test suite starts hundreds of Python processes, and each later one reads the
# modules compiled. So pip installs without compiling every module of every package; what a command
# imports is compiled once, on first use.
export PYTHONDONTWRITEBYTECODE =

.PHONY: run test test-language install system-packages ingest serve lint bench bench-full load clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# uv installs the packages: it fetches them in parallel and resolves in a second (a fresh venv: ~9 s, against
# ~14 s to upgrade pip and ~42 s for pip 26 to install them). Where uv cannot be had, pip installs them.
$(INSTALLED): pyproject.toml | $(BIN)/python
	@bash scripts/check-venv.sh $(BIN)/python
	if $(BIN)/python -m pip install -q uv; then \
	  $(BIN)/uv pip install -q --python $(BIN)/python -e '.[test]'; \
	else \
	  $(BIN)/python -m pip install -q --upgrade pip && $(BIN)/python -m pip install -q --no-compile -e '.[test]'; \
	fi
	touch $(INSTALLED)

install: $(INSTALLED)

system-packages:
	@bash scripts/install-system-packages.sh

ingest: install
	$(BIN)/councilgraph ingest examples/documents/ --store $(STORE)

serve: install
	$(BIN)/councilgraph serve --store $(STORE) --host $(HOST) --port $(PORT)

## make run: install, ingest the sample corpus into ./data/store, serve on http://127.0.0.1:5000/
run: ingest serve

## make test: install (with test extras and the Debian packages the tests drive), run the whole suite,
## one worker process per core (TEST_WORKERS=0 runs it in one process)
TEST_WORKERS ?= auto
test: install system-packages
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist worksteal

## make test-language: every test module that reads the examples of ingest/language (found by what it
## calls: entries or language.load), in seconds: the check after a change to a data file, whose
## examples many parametrised tests read (make test still runs everything)
LANGUAGE_TESTS = $(shell grep -l -E '\bentries[[:punct:]]|language[.]load' tests/test_*.py)
test-language: install
	$(BIN)/python -m pytest -q -n $(TEST_WORKERS) --dist worksteal $(LANGUAGE_TESTS)

lint: install
	$(BIN)/ruff check councilgraph ingest server tests bench
	$(BIN)/mypy

## make bench: 10^5 and 10^6 triples, ingest 100 and 1,000 documents; bench-full adds 10^7 and 10,000
bench: install system-packages
	$(BIN)/python -m bench.run

bench-full: install system-packages
	$(BIN)/python -m bench.run --full

load: install
	$(BIN)/python -m bench.load --url http://$(HOST):$(PORT)/ --clients 50 --seconds 60

clean:
	rm -rf data test-artifacts .pytest_cache .mypy_cache .ruff_cache
