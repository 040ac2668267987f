PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
CLIENTS := tests/clients

.PHONY: install run test lint typecheck schema schema-check graphiql clean bench bench-postgraphile load clients eval docs

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

run: install
	$(BIN)/citegraph serve --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

test: lint typecheck schema-check clients docs
	$(BIN)/pytest

# The documentation (docs/, mkdocs.yml) into site/: --strict fails on a broken link or anchor and on a page
# missing from the nav.
docs: install
	$(BIN)/mkdocs build --strict --site-dir site

# The fact proposer on every source of the seed corpus and the test articles, against their hand-made facts.
eval: install
	$(BIN)/python -m proposals.evaluate

clients: $(CLIENTS)/node_modules/.package-lock.json

$(CLIENTS)/node_modules/.package-lock.json: $(CLIENTS)/package.json $(CLIENTS)/package-lock.json
	@command -v npm >/dev/null || { echo "make clients needs Node.js 20 and npm (the client tests, tests/clients)"; exit 1; }
	cd $(CLIENTS) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

schema: install
	$(BIN)/citegraph export-schema > schema/schema.graphql

graphiql:
	@command -v npm >/dev/null || { echo "make graphiql needs Node.js 20 and npm"; exit 1; }
	cd graphiql && npm ci --no-audit --no-fund && npm run build

SCHEMA_TOOLS := tools/schema
RELEASED_SCHEMA = $(shell ls schema/releases/*.graphql | sort -V | tail -n 1)

$(SCHEMA_TOOLS)/node_modules/.installed: $(SCHEMA_TOOLS)/package.json $(SCHEMA_TOOLS)/package-lock.json
	@command -v npm >/dev/null || { echo "make schema-check needs Node.js (18 or later) and npm"; exit 1; }
	cd $(SCHEMA_TOOLS) && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The committed schema linted, then diffed against the last release's: a breaking change fails unless listed in
# schema/releases/accepted-breaking-changes.txt. Only breaking and dangerous changes are shown. verboseChanges: the
# default simplifyChanges rule drops a breaking change on a type that also gained an interface
# (graphql-hive/graphql-inspector#2955).
schema-check: $(SCHEMA_TOOLS)/node_modules/.installed
	$(SCHEMA_TOOLS)/node_modules/.bin/graphql-schema-linter --config-directory $(SCHEMA_TOOLS)
	@echo "graphql-inspector diff $(RELEASED_SCHEMA) schema/schema.graphql"
	@log=$$(mktemp) && { $(SCHEMA_TOOLS)/node_modules/.bin/graphql-inspector diff $(RELEASED_SCHEMA) schema/schema.graphql \
		--rule verboseChanges --rule $(SCHEMA_TOOLS)/accepted-breaking-changes.js >$$log 2>&1; status=$$?; \
		grep -v '✔' $$log; rm -f $$log; exit $$status; }

clean:
	rm -rf $(VENV) citegraph.db citegraph.db-wal citegraph.db-shm

bench: install
	@command -v wrk >/dev/null || apt-get install -y -q wrk >/dev/null 2>&1 || echo "wrk not available: LIGHT is measured with the Python load client only"
	$(BIN)/python -m bench.generate --size 10k
	$(BIN)/python -m bench.run --size 10k
	@rm -f bench/.data/results-postgraphile.json
	@if command -v npm >/dev/null && command -v wrk >/dev/null; then $(BIN)/python -m bench.postgraphile; \
		else echo "npm or wrk not available: PostgreSQL and PostGraphile are not measured (their ratios are null)"; fi
	@$(BIN)/python -m bench.ratios

bench-postgraphile: install
	@command -v wrk >/dev/null || apt-get install -y -q wrk >/dev/null 2>&1 || { echo "make bench-postgraphile needs wrk (apt-get install wrk)"; exit 1; }
	@command -v npm >/dev/null || { echo "make bench-postgraphile needs Node.js 20 and npm"; exit 1; }
	$(BIN)/python -m bench.postgraphile

load: install
	@command -v wrk >/dev/null || apt-get install -y -q wrk >/dev/null 2>&1 || { echo "make load needs wrk (apt-get install wrk)"; exit 1; }
	$(BIN)/python -m bench.load
