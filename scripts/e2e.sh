#!/usr/bin/env bash
# Browser tests: starts the demo portal (unless one already answers on :3000),
# waits for the demo data, dry-runs the golden-path template against the backend,
# runs Playwright in Debian's Chromium, stops the portal.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mkdir -p .local/logs .local/screenshots

if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "Chromium not found at ${CHROMIUM_PATH:-/usr/bin/chromium}: apt-get install -y chromium" >&2
  exit 1
fi

portal_pid=
stop_portal() {
  if [ -n "$portal_pid" ]; then
    kill -- "-$portal_pid" 2>/dev/null || true
    wait "$portal_pid" 2>/dev/null || true
  fi
}
trap stop_portal EXIT

wait_for() { # url seconds
  local deadline=$((SECONDS + $2))
  until curl -fs -o /dev/null "$1"; do
    if [ $SECONDS -ge $deadline ]; then
      echo "timed out waiting for $1; last lines of the portal log:" >&2
      tail -n 50 .local/logs/portal.log >&2 || true
      return 1
    fi
    if [ -n "$portal_pid" ] && ! kill -0 "$portal_pid" 2>/dev/null; then
      echo "the portal exited; last lines of its log:" >&2
      tail -n 50 .local/logs/portal.log >&2
      return 1
    fi
    sleep 3
  done
}

if curl -fs -o /dev/null http://localhost:3000; then
  echo "e2e: using the portal already running on :3000"
else
  echo "e2e: starting the demo portal (log: .local/logs/portal.log)"
  setsid bash scripts/start.sh > .local/logs/portal.log 2>&1 &
  portal_pid=$!
  wait_for http://localhost:7007/api/slo/health 600
  wait_for http://localhost:3000 600
  # The feeder logs "backfilled" once 35 days of demo data are in, then
  # "recorded" once the demo's deploy and incident events are.
  deadline=$((SECONDS + 900))
  until grep -q '^recorded' .local/logs/demo-data.log 2>/dev/null; do
    if [ $SECONDS -ge $deadline ]; then
      echo "timed out waiting for the demo data; feeder log:" >&2
      tail -n 30 .local/logs/demo-data.log >&2
      exit 1
    fi
    sleep 5
  done
  grep -E '^(backfilled|recorded)' .local/logs/demo-data.log
fi

echo "e2e: dry-run of the golden-path template through POST /api/scaffolder/v2/dry-run"
node templates/service-with-slos/scripts/dry-run.mjs http://localhost:7007

yarn playwright test "$@"
