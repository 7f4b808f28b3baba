#!/usr/bin/env bash
# Starts the demo portal (frontend :3000, backend :7007) on the embedded SQLite
# database under .local/sqlite, and the demo SLI feeder that backfills 35 days of
# data through the ingestion API and then keeps sending a point per SLO per minute.
# With --with-prometheus it also starts the demo's local Prometheus and adds
# search-api, whose SLI data SLO Kit pulls from it (app-config.prometheus.yaml).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mkdir -p .local/sqlite .local/logs

config=()
if [ "${1:-}" = "--with-prometheus" ]; then
  bash scripts/demo-prometheus.sh start
  trap 'bash scripts/demo-prometheus.sh stop' EXIT
  config=(--config "$PWD/app-config.yaml" --config "$PWD/app-config.prometheus.yaml")
fi

node scripts/demo-data.mjs --wait-for-backend > .local/logs/demo-data.log 2>&1 &
feeder_pid=$!
trap 'kill "$feeder_pid" 2>/dev/null || true; [ ${#config[@]} -eq 0 ] || bash scripts/demo-prometheus.sh stop' EXIT
echo "demo data feeder running (log: .local/logs/demo-data.log)"

yarn start "${config[@]}"
