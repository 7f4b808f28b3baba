#!/usr/bin/env bash
# Every test SLO Kit has: types, lint, unit and integration tests (database tests on
# SQLite and on a real PostgreSQL 15 started here), benchmarks excluded, the install
# into a fresh create-app app (docs/install.md), and the browser tests in Debian's
# Chromium against the demo portal.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export CI="${CI:-true}"

step() { printf '\n=== %s ===\n' "$1"; }

step "system packages"
bash scripts/system-packages.sh

step "type check"
yarn tsc

step "lint"
yarn backstage-cli repo lint

step "PostgreSQL 15 for database tests"
# Stopped again after the tests unless it was already running.
if ! bash scripts/postgres.sh status; then
  trap 'bash scripts/postgres.sh stop' EXIT
fi
BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="$(bash scripts/postgres.sh start)"
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING
# No Docker here: TestDatabases must use the server above, never start containers.
export BACKSTAGE_TEST_DISABLE_DOCKER=1
# Database suites fail (never skip) when this is set and PostgreSQL is unreachable.
export SLO_KIT_REQUIRE_POSTGRES=1

step "unit and integration tests"
yarn backstage-cli repo test

step "system tests: two backend replicas and faults, real processes on PostgreSQL"
# Their own PostgreSQL cluster (port SLO_KIT_SYSTEM_PG_PORT, default 55434), which the
# faults test stops and restarts, and backends on ports 7101-7112 (SLO_KIT_SYSTEM_PORT).
yarn workspace @slo-kit/system-tests test:system

step "install into a fresh Backstage app (docs/install.md)"
yarn test:install

step "browser tests"
bash scripts/e2e.sh
