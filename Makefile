# Two commands on a fresh machine: `make run` and `make test`. Everything else is set up on demand.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
MODEL_DIR := .cache/models/multilingual-e5-small
MODEL_STAMP := $(MODEL_DIR)/leitbild_build.json
INDEX_DIR := var/index
INDEX_STAMP := $(INDEX_DIR)/.ingested
DOCUMENTS := $(wildcard data/documents/*.pdf)
SOURCES := $(shell find domain ingest index -name '*.py' 2>/dev/null)
# The real documents beside the project (CI and developers have them, a user's clone does not):
# indexed with the Leitbild into their own index for the related-documents gate.
RELATED_DIR := ../shared/corpus/related
RELATED_PDFS := $(wildcard $(RELATED_DIR)/*.pdf)
RELATED_INDEX := var/related-index
RELATED_STAMP := $(if $(RELATED_PDFS),$(RELATED_INDEX)/.ingested)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup serve-ready run test test-fast lint bench bench-http eval chromium postgresql clean

# What `make run` needs; `make setup` (and so `make test`) adds the browser and the related index.
serve-ready: $(VENV)/.deps $(MODEL_STAMP) $(INDEX_STAMP)

setup: serve-ready $(RELATED_STAMP) chromium postgresql

# The browser tests drive Debian's Chromium (Playwright's own browser download does not work here).
chromium:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium)

# The archive tests also run against a real PostgreSQL server, started per test run from Debian's binaries.
postgresql:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq postgresql)

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# torch first and pinned: the CPU wheel lies on this machine's disk; an unpinned torch pulls a CUDA build.
$(VENV)/.torch: | $(PY)
	$(PIP) install --quiet torch==2.13.0
	touch $@

$(VENV)/.deps: pyproject.toml $(VENV)/.torch
	$(PIP) install --quiet -e '.[test]'
	touch $@

$(MODEL_STAMP): $(VENV)/.deps index/model_build.py index/e5_format.py index/onnx_export.py
	$(PY) -m index.model_build --target $(MODEL_DIR)
	touch $@

$(INDEX_STAMP): $(VENV)/.deps $(MODEL_STAMP) $(DOCUMENTS) $(SOURCES)
	$(VENV)/bin/leitbild --index $(INDEX_DIR) ingest data/documents
	touch $@

$(RELATED_INDEX)/.ingested: $(VENV)/.deps $(MODEL_STAMP) $(DOCUMENTS) $(RELATED_PDFS) $(SOURCES)
	$(VENV)/bin/leitbild --index $(RELATED_INDEX) ingest data/documents $(RELATED_DIR)
	touch $@

run: serve-ready
	$(VENV)/bin/leitbild --index $(INDEX_DIR) serve --host $(HOST) --port $(PORT)

test: setup
	$(PY) -m pytest -q

# Everything that needs no model, index, browser or database server: the rules on tiny inputs.
test-fast: $(VENV)/.deps
	$(PY) -m pytest -q -m "not model and not browser and not postgres and not related"

lint: $(VENV)/.deps
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

bench: setup
	$(PY) -m eval.bench

bench-http: setup
	$(PY) -m eval.bench_http

eval: setup
	$(VENV)/bin/leitbild --index $(INDEX_DIR) eval --system all

clean:
	rm -rf $(VENV) .cache var
