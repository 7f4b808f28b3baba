#!/usr/bin/env bash
# The demo's local Prometheus (optional Prometheus mode, `make start-prometheus`):
# a demo exporter on 127.0.0.1:9464 and Prometheus 2.x on 127.0.0.1:9090 scraping
# it every 15 s, data in .local/demo-prometheus. On the first start, 7 days of
# the exporter's history are written into the TSDB with promtool, so SLO Kit's
# backfill has a week to read.
#   scripts/demo-prometheus.sh start | stop
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
home=.local/demo-prometheus
mkdir -p "$home" .local/logs

stop() {
  for name in prometheus exporter; do
    if [ -f "$home/$name.pid" ]; then
      kill "$(cat "$home/$name.pid")" 2>/dev/null || true
      rm -f "$home/$name.pid"
    fi
  done
}

case "${1:-start}" in
  start)
    if ! command -v prometheus >/dev/null || ! command -v promtool >/dev/null; then
      echo "Prometheus is not installed: apt-get install -y prometheus (or bash scripts/system-packages.sh)" >&2
      exit 1
    fi
    stop
    if [ ! -d "$home/data" ]; then
      echo "demo Prometheus: writing 7 days of history" >&2
      node scripts/demo-exporter.mjs --history 7 > "$home/history.om"
      promtool tsdb create-blocks-from openmetrics "$home/history.om" "$home/data" > /dev/null
      rm -f "$home/history.om"
    fi
    cat > "$home/prometheus.yml" <<'YAML'
global:
  scrape_interval: 15s
scrape_configs:
  - job_name: demo-exporter
    static_configs:
      - targets: ['127.0.0.1:9464']
YAML
    PORT=9464 node scripts/demo-exporter.mjs > .local/logs/demo-exporter.log 2>&1 &
    echo $! > "$home/exporter.pid"
    prometheus --config.file="$home/prometheus.yml" --storage.tsdb.path="$home/data" \
      --storage.tsdb.retention.time=30d --web.listen-address=127.0.0.1:9090 \
      > .local/logs/demo-prometheus.log 2>&1 &
    echo $! > "$home/prometheus.pid"
    for _ in $(seq 1 60); do
      if curl -fs http://127.0.0.1:9090/-/ready > /dev/null; then
        echo "demo Prometheus ready on http://127.0.0.1:9090 (log: .local/logs/demo-prometheus.log)" >&2
        exit 0
      fi
      sleep 1
    done
    echo "demo Prometheus did not become ready; see .local/logs/demo-prometheus.log" >&2
    exit 1
    ;;
  stop) stop ;;
  *) echo "usage: $0 start | stop" >&2; exit 2 ;;
esac
