#!/usr/bin/env bash
# Times `make start` in this checkout: seconds until the portal answers on :3000
# and :7007, and until checkout-api's SLOs are evaluated with demo data (read
# as the guest user). Stops the portal afterwards. Run it in a fresh clone for
# the cold figure and again in the same clone for the warm one.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mkdir -p .local/logs

if curl -fs -o /dev/null http://localhost:3000 || curl -fs -o /dev/null http://localhost:7007; then
  echo "something already answers on :3000 or :7007; stop it first" >&2
  exit 1
fi

start=$SECONDS
setsid make start > .local/logs/measure-start.log 2>&1 &
portal_pid=$!
trap 'kill -- "-$portal_pid" 2>/dev/null || true' EXIT

until curl -fs -o /dev/null http://localhost:3000 &&
  curl -fs -o /dev/null http://localhost:7007/api/slo/health; do
  kill -0 "$portal_pid" 2>/dev/null || { echo "make start exited; see .local/logs/measure-start.log" >&2; exit 1; }
  sleep 2
done
answering=$((SECONDS - start))

guest_token() {
  curl -fs 'http://localhost:7007/api/auth/guest/refresh?env=development' |
    node -e 'let s = ""; process.stdin.on("data", d => (s += d)).on("end", () => console.log(JSON.parse(s).backstageIdentity.token))'
}
until curl -fs -H "Authorization: Bearer $(guest_token)" \
  http://localhost:7007/api/slo/v1/entities/component/default/checkout-api |
  grep -q '"evaluatedAt"'; do
  sleep 3
done
evaluated=$((SECONDS - start))

echo "make start: portal answering on :3000 and :7007 after ${answering}s; checkout-api evaluated with demo data after ${evaluated}s"
