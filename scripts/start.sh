#!/usr/bin/env bash
# Starts the demo portal (frontend :3000, backend :7007) on the embedded SQLite
# database under .local/sqlite, and the demo SLI feeder that backfills 35 days of
# data through the ingestion API and then keeps sending a point per SLO per minute.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mkdir -p .local/sqlite .local/logs

node scripts/demo-data.mjs --wait-for-backend > .local/logs/demo-data.log 2>&1 &
feeder_pid=$!
trap 'kill "$feeder_pid" 2>/dev/null || true' EXIT
echo "demo data feeder running (log: .local/logs/demo-data.log)"

yarn start
