#!/usr/bin/env bash
# Runs every package's `bench` script; each writes its results to bench-results/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mkdir -p bench-results
yarn workspaces foreach --all --verbose run bench
echo
echo "results:"
ls -1 bench-results
