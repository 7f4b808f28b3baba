#!/usr/bin/env bash
# Installs the Debian packages SLO Kit's tests need (Chromium for the browser
# tests, PostgreSQL 15 for the database tests, Prometheus 2.x with promtool for
# the Prometheus source's tests, curl) when any is missing.
# Installs them itself as root or with password-less sudo; otherwise prints
# the one command to run and fails. Used by `make test` and by .ci/run.
set -euo pipefail

packages=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || packages+=(chromium)
[ -x /usr/lib/postgresql/15/bin/initdb ] || packages+=(postgresql-15)
[ -x "${PROMETHEUS_PATH:-/usr/bin/prometheus}" ] && [ -x "${PROMTOOL_PATH:-/usr/bin/promtool}" ] || packages+=(prometheus)
command -v curl >/dev/null || packages+=(curl)
[ ${#packages[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ]; then
  as_root=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "SLO Kit's tests need these Debian packages: ${packages[*]}" >&2
  echo "Install them once, then run make test again:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${packages[*]}" >&2
  exit 1
fi
echo "system packages: installing ${packages[*]}" >&2
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" < /dev/null >&2
