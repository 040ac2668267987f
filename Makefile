PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
CLIENTS := tests/clients

.PHONY: install run test lint typecheck schema clean bench bench-postgraphile load clients

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

run: install
	$(BIN)/citegraph serve --host 127.0.0.1 --port 8000

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

test: lint typecheck clients
	$(BIN)/pytest

clients: $(CLIENTS)/node_modules/.package-lock.json

$(CLIENTS)/node_modules/.package-lock.json: $(CLIENTS)/package.json $(CLIENTS)/package-lock.json
	@command -v npm >/dev/null || { echo "make clients needs Node.js 20 and npm (the client tests, tests/clients)"; exit 1; }
	cd $(CLIENTS) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

schema: install
	$(BIN)/citegraph export-schema > schema/schema.graphql

clean:
	rm -rf $(VENV) citegraph.db citegraph.db-wal citegraph.db-shm

bench: install
	@command -v wrk >/dev/null || apt-get install -y -q wrk >/dev/null 2>&1 || echo "wrk not available: LIGHT is measured with the Python load client only"
	$(BIN)/python -m bench.generate --size 10k
	$(BIN)/python -m bench.run --size 10k

bench-postgraphile: install
	@command -v wrk >/dev/null || apt-get install -y -q wrk >/dev/null 2>&1 || { echo "make bench-postgraphile needs wrk (apt-get install wrk)"; exit 1; }
	@command -v npm >/dev/null || { echo "make bench-postgraphile needs Node.js 20 and npm"; exit 1; }
	$(BIN)/python -m bench.postgraphile

load: install
	@command -v wrk >/dev/null || apt-get install -y -q wrk >/dev/null 2>&1 || { echo "make load needs wrk (apt-get install wrk)"; exit 1; }
	$(BIN)/python -m bench.load
