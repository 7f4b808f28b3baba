#!/usr/bin/env bash
# Runs every package's `bench` script; each writes its results to bench-results/.
# The backend's benchmarks run on SQLite and on PostgreSQL 15: unless
# SLO_BENCH_PG_URL names a server (a user that may create databases), the
# throwaway cluster of scripts/postgres.sh is used (port SLO_KIT_PG_PORT,
# default 55432), started here if it is not running and then stopped again.
# Extra arguments go to `yarn workspaces foreach`, e.g.
#   scripts/bench.sh --include @slo-kit/plugin-slo-backend
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mkdir -p bench-results
if [ -z "${SLO_BENCH_PG_URL:-}" ]; then
  if ! bash scripts/postgres.sh status; then
    trap 'bash scripts/postgres.sh stop' EXIT
  fi
  SLO_BENCH_PG_URL="$(bash scripts/postgres.sh start)"
  export SLO_BENCH_PG_URL
fi
yarn workspaces foreach --all --verbose "$@" run bench
echo
echo "results:"
ls -1 bench-results
