# SLO Kit quick start. Both targets provision Node 22 and Yarn 4 into .toolchain/
# (nothing global) and install dependencies first.
#   make start   the demo portal on SQLite with demo data: http://localhost:3000
#   make test    every test: types, lint, unit, SQLite + PostgreSQL, install into a fresh app, browser
SHELL := /bin/bash
.DEFAULT_GOAL := help
TOOLCHAIN := . scripts/toolchain.sh

.PHONY: help install start start-prometheus test bench clean

help:
	@echo "make start   start the demo portal (frontend :3000, backend :7007)"
	@echo "make start-prometheus   the demo with a local Prometheus feeding search-api"
	@echo "make test    run every test"
	@echo "make bench   run the benchmarks (results in bench-results/)"

node_modules/.yarn-state.yml: package.json yarn.lock $(wildcard packages/*/package.json plugins/*/package.json)
	$(TOOLCHAIN) && yarn install
	@touch $@

install: node_modules/.yarn-state.yml

start: install
	$(TOOLCHAIN) && bash scripts/start.sh

# The demo with a local Prometheus feeding one service (docs/prometheus.md).
start-prometheus: install
	$(TOOLCHAIN) && bash scripts/system-packages.sh && bash scripts/start.sh --with-prometheus

test: install
	$(TOOLCHAIN) && yarn test

bench: install
	$(TOOLCHAIN) && yarn bench

clean:
	rm -rf .local node_modules packages/*/dist plugins/*/dist dist-types
