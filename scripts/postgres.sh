#!/usr/bin/env bash
# Starts (or reuses) a throwaway PostgreSQL 15 for tests, in .local/postgres (git-ignored),
# listening on 127.0.0.1:${SLO_KIT_PG_PORT:-55432}. Prints the connection string on stdout.
# SLO_KIT_PG_HOME names another directory for the cluster (data, socket, log), so a second
# cluster can run beside the first, e.g. the system tests' own, which they restart.
# Run as root from a checkout the `postgres` user cannot enter (a private parent directory
# such as /root), the cluster lives in /var/tmp/slo-kit-postgres-<checkout hash> instead.
#   scripts/postgres.sh start | stop | url
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pg_bin=/usr/lib/postgresql/15/bin
port="${SLO_KIT_PG_PORT:-55432}"
pg_home="${SLO_KIT_PG_HOME:-$repo_root/.local/postgres}"
if [ -z "${SLO_KIT_PG_HOME:-}" ] && [ "$(id -u)" = 0 ]; then
  mkdir -p "$repo_root/.local"
  if ! runuser -u postgres -- test -x "$repo_root/.local" 2>/dev/null; then
    pg_home="/var/tmp/slo-kit-postgres-$(printf '%s' "$repo_root" | sha1sum | cut -c1-12)"
  fi
fi
data_dir="$pg_home/data"
socket_dir="$pg_home/socket"
url="postgresql://postgres:postgres@127.0.0.1:$port/postgres"

as_pg_user() {
  # PostgreSQL refuses to run as root; run it as the `postgres` system user then.
  if [ "$(id -u)" = 0 ]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

case "${1:-start}" in
  start)
    if [ ! -x "$pg_bin/initdb" ]; then
      echo "PostgreSQL 15 is not installed ($pg_bin/initdb missing): apt-get install -y postgresql-15" >&2
      exit 1
    fi
    mkdir -p "$data_dir" "$socket_dir"
    if [ "$(id -u)" = 0 ]; then chown -R postgres:postgres "$pg_home"; fi
    if [ ! -f "$data_dir/PG_VERSION" ]; then
      pwfile=$(mktemp); echo postgres > "$pwfile"; chmod 644 "$pwfile"
      as_pg_user "$pg_bin/initdb" -D "$data_dir" -U postgres --pwfile="$pwfile" -A md5 >/dev/null
      rm -f "$pwfile"
    fi
    if ! as_pg_user "$pg_bin/pg_ctl" -D "$data_dir" status >/dev/null 2>&1; then
      as_pg_user "$pg_bin/pg_ctl" -D "$data_dir" -l "$pg_home/postgres.log" -w \
        -o "-p $port -k $socket_dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off" start >&2
    fi
    echo "$url"
    ;;
  stop)
    as_pg_user "$pg_bin/pg_ctl" -D "$data_dir" -m fast stop >&2 || true
    ;;
  url)
    echo "$url"
    ;;
  status)
    [ -f "$data_dir/PG_VERSION" ] && as_pg_user "$pg_bin/pg_ctl" -D "$data_dir" status >/dev/null 2>&1
    ;;
  *)
    echo "usage: $0 start|stop|status|url" >&2; exit 2 ;;
esac
