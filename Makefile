# `make run` serves the demo; `make test` runs the whole suite. `make help` lists every target.
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMPS := .make
HOST ?= 127.0.0.1
PORT ?= 5000
# The offline Stripe `make run` starts on loopback; the site's STRIPE_API_BASE points at it.
LOCALSTRIPE_PORT ?= 8420
FLASK := APP_ENV=$${APP_ENV:-development} FLASK_APP=wsgi $(BIN)/flask
CHROMIUM := /usr/bin/chromium
PYTEST_ARGS ?=
BENCH_ARGS ?=

.PHONY: help run test test-sqlite test-postgres setup deps assets database demo lint format bench bench-load bench-booking bench-payments chromium clean

include bot.mk

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

run: setup ## Set up everything (once) and serve the demo at http://127.0.0.1:5000, with the assistant and localstripe
	@mkdir -p instance
	@# The site serves at once; the assistant installs and trains (only the first time or when its data
	@# changed) in the background and answers once ready. Until then the chat page says it is unavailable.
	@$(FLASK) demo accounts
	@echo "Starting the assistant in the background (log: instance/assistant.log)..."
	@trap 'kill 0' EXIT INT TERM; \
	export STRIPE_API_BASE="$${STRIPE_API_BASE-http://127.0.0.1:$(LOCALSTRIPE_PORT)}"; \
	$(MAKE) --no-print-directory bot-serve > instance/assistant.log 2>&1 & \
	$(BIN)/python -m web.payments.localstripe_server --port $(LOCALSTRIPE_PORT) --keep > instance/localstripe.log 2>&1 & \
	$(FLASK) payments localstripe-webhooks --url http://$(HOST):$(PORT)/payments/webhook >> instance/localstripe.log 2>&1 & \
	( while sleep 60; do $(FLASK) marketplace tick >> instance/tick.log 2>&1; \
	  $(FLASK) payments reconcile --open-only --older-than 10 --quiet --charge-missing >> instance/tick.log 2>&1; done ) & \
	echo "Serving the demo at http://$(HOST):$(PORT)  (Ctrl+C to stop)"; \
	$(FLASK) run --host $(HOST) --port $(PORT) --no-reload

setup: deps assets database demo ## Install packages, build assets, migrate and load the demo data

deps: $(STAMPS)/python-deps ## Install the Python packages into .venv

$(STAMPS)/python-deps: requirements.txt requirements-dev.txt
	@command -v $(PYTHON) >/dev/null || { echo "Install Python 3.11 ($(PYTHON)) first."; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installing Python packages into $(VENV)..."
	@$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt 2>&1 | { grep -v 'is ignored: it is neither' || true; }
	@mkdir -p $(STAMPS) && touch $@

assets: $(STAMPS)/assets ## Install npm packages and build the front-end assets

$(STAMPS)/assets: package.json package-lock.json web/static/build-assets.mjs $(wildcard web/static/js/*.js web/static/css/*.css)
	@command -v npm >/dev/null || { echo "Install Node.js and npm first."; exit 1; }
	@npm ci --silent --no-audit --no-fund
	@npm run --silent build
	@mkdir -p $(STAMPS) && touch $@

database: deps ## Create or upgrade the database schema
	@$(FLASK) db upgrade 2>&1 | grep -v "^INFO  \[alembic.runtime.migration\] \(Context impl\|Will assume\)" || true

demo: deps database ## Load the demo region and build the search index (skips what is done)
	@$(FLASK) demo load

chromium: ## Install Debian's chromium for the browser tests, where possible
	@if [ -x $(CHROMIUM) ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing chromium for the browser tests..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	else \
		echo "The browser tests need Debian's chromium: run 'sudo apt-get install chromium chromium-driver'."; exit 1; \
	fi

test: deps assets chromium bot-test ## Run the whole suite (SQLite; PostgreSQL too when TEST_DATABASE_URL is set)
	@$(MAKE) --no-print-directory lint
	@$(MAKE) --no-print-directory test-sqlite
	@if [ -n "$$TEST_DATABASE_URL" ]; then $(MAKE) --no-print-directory test-postgres; \
	else echo "TEST_DATABASE_URL is not set: skipped the PostgreSQL run."; fi

test-sqlite: ## Run the suite on SQLite, browser tests included
	env -u TEST_DATABASE_URL $(BIN)/pytest $(PYTEST_ARGS)

test-postgres: ## Run the suite on PostgreSQL (TEST_DATABASE_URL), browser and assistant tests excepted
	@test -n "$$TEST_DATABASE_URL" || { echo "Set TEST_DATABASE_URL, e.g. postgresql://postgres@127.0.0.1:5432/test"; exit 1; }
	$(BIN)/pytest -m "not browser and not assistant" $(PYTEST_ARGS)

lint: deps ## Check style with ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: deps ## Format the code with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: deps bot-train ## Run the benchmarks (prints figures; takes about twenty minutes)
	$(BIN)/python benchmarks/postcode_lookup.py
	$(BIN)/python benchmarks/search_benchmark.py --sizes 10000 100000
	$(BIN)/python benchmarks/chat_latency.py
	$(BIN)/python benchmarks/relevance_eval.py

bench-load: deps ## Load-test the pages under gunicorn with wrk, on SQLite and PostgreSQL (about five minutes)
	@if ! command -v wrk >/dev/null; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing wrk for the load benchmark..."; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
		else \
			echo "The load benchmark needs wrk: run 'sudo apt-get install wrk'."; exit 1; \
		fi; \
	fi
	$(BIN)/python benchmarks/load_test.py $(BENCH_ARGS)

bench-payments: deps ## Card charges through localstripe (confirmed to charged, p50/p95) and reconcile over 10,000 payments, ours vs naive
	$(BIN)/python benchmarks/payments_benchmark.py $(BENCH_ARGS)

bench-booking: deps ## 50 concurrent clients send booking requests to gunicorn, on SQLite and PostgreSQL; counts double bookings
	$(BIN)/python benchmarks/booking_load.py $(BENCH_ARGS)

clean: ## Remove the virtualenvs, node_modules, built assets, models and the local database
	rm -rf $(VENV) bot/.venv bot/models node_modules web/static/build $(STAMPS) instance
