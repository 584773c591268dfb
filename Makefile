# Pioneer Grid. Every target installs what it needs: uv in .tools/, the workspace in .venv/,
# the npm composition check's packages in .npm/. PostgreSQL and NATS are used at DATABASE_URL /
# NATS_URL when they answer, otherwise embedded ones are started under .data/.

SHELL := /bin/bash
.DEFAULT_GOAL := help

UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
UV_STAMP := $(TOOLS)/.uv-$(UV_VERSION)
BIN := .venv/bin
PYTHON := $(BIN)/python

# Only the interpreter already on the machine; never a downloaded one.
export UV_PYTHON_DOWNLOADS := never

# Type-checked code: gridkit, each service's own package (services/<name>/<name>), the dev
# tooling, and the gateway once it has code.
SERVICE_PACKAGES := $(foreach dir,$(wildcard services/*),$(wildcard $(dir)/$(notdir $(dir))))
GATEWAY_CODE := $(if $(wildcard gateway/*.py gateway/*/*.py),gateway)
MYPY_TARGETS := shared/gridkit $(SERVICE_PACKAGES) infra $(GATEWAY_CODE)

NPM := $(shell command -v npm 2>/dev/null)
NPM_PACKAGES := @apollo/composition@2.14.4 @apollo/federation-internals@2.14.4 \
	@apollo/gateway@2.14.4 @apollo/server@5.5.1 @theguild/federation-composition@0.27.0 \
	graphql@16.15.0
# Named after a checksum of the list, so changing the list reinstalls on machines that have .npm.
NPM_STAMP := .npm/.installed-$(shell printf '%s' '$(NPM_PACKAGES)' | cksum | cut -d ' ' -f 1)

# The benchmark's peer (`make bench`), in its own prefix: PostGraphile v4 (4.14.1 is the newest).
NPM_BENCH_PACKAGES := postgraphile@4.14.1
NPM_BENCH_STAMP := .npm-bench/.installed-$(shell printf '%s' '$(NPM_BENCH_PACKAGES)' | cksum | cut -d ' ' -f 1)

# Extra arguments for seed, bench and token, e.g. `make token ARGS="--help"`.
ARGS ?=

.PHONY: help venv up test lint format seed bench token clean npm-deps npm-missing npm-bench

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-9s %s\n", $$1, $$2}'

$(UV_STAMP):
	@test -x $(TOOLS)/bin/pip || python3 -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	@touch $@

venv: $(UV_STAMP) ## install the workspace into .venv (quick when up to date)
	@$(UV) sync --frozen --all-packages --python python3 --quiet

up: venv ## run the whole stack in the foreground and print its URLs
	$(PYTHON) -m infra.dev up

test: venv lint $(if $(NPM),npm-deps,npm-missing) ## lint, then every test on real PostgreSQL and NATS
	$(BIN)/pytest

# Every check runs, so one pass reports every problem; any failure fails the target.
# lint-imports checks the architecture contracts in pyproject.toml ([tool.importlinter]).
lint: venv ## ruff (lint and format check), mypy --strict, import contracts
	@status=0; \
	$(BIN)/ruff check . || status=1; \
	$(BIN)/ruff format --check . || status=1; \
	$(BIN)/mypy $(MYPY_TARGETS) || status=1; \
	$(BIN)/lint-imports --no-logo || status=1; \
	exit $$status

format: venv ## fix what ruff can fix and format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

seed: venv ## load the Licheng-scale demo data and the case catalogue (deterministic, idempotent)
	$(PYTHON) -m infra.dev run org.seed $(ARGS)
	$(PYTHON) -m infra.dev run cases.seed

# Without npm the bench says why the PostGraphile row is skipped and measures the rest.
bench: venv $(if $(NPM),npm-bench) ## org vs PostGraphile, and the gateway: a table and ratios (ARGS="--profile")
	$(PYTHON) -m infra.dev run infra.bench $(ARGS)

token: venv ## print a dev JWT
	@$(PYTHON) -m infra.dev run --bare gridkit.auth.token $(ARGS)

clean: ## stop the embedded servers and delete their data (.data/)
	@if [ -x $(PYTHON) ]; then $(PYTHON) -m infra.dev stop; \
	elif [ -d .data ]; then echo "no .venv: cannot stop embedded servers; run 'make venv' first" >&2; exit 1; fi
	rm -rf .data

npm-deps: $(NPM_STAMP) ## install Apollo's and The Guild's composers and Apollo's gateway (for tests)

# --save-exact: .npm/package.json then pins exactly these versions, as the list does.
$(NPM_STAMP):
	npm install --prefix .npm --no-audit --no-fund --save-exact $(NPM_PACKAGES)
	@rm -f .npm/.installed-*
	@touch $@

npm-missing:
	@echo "###################################################################" >&2
	@echo "## WARNING: npm is not installed. The federation composition     ##" >&2
	@echo "## checks with Apollo's and The Guild's composers cannot get     ##" >&2
	@echo "## their packages and will not run. Install Node.js 20+ with npm ##" >&2
	@echo "## to run them.                                                  ##" >&2
	@echo "###################################################################" >&2

npm-bench: $(NPM_BENCH_STAMP) ## install PostGraphile, the benchmark's peer, into .npm-bench

$(NPM_BENCH_STAMP):
	npm install --prefix .npm-bench --no-audit --no-fund --save-exact $(NPM_BENCH_PACKAGES)
	@rm -f .npm-bench/.installed-*
	@touch $@
