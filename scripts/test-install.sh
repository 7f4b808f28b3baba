#!/usr/bin/env bash
# yarn test:install — installs SLO Kit into a fresh Backstage app the way
# docs/install.md says, from the packages as they would be published:
#   1. builds and packs (yarn pack) every published package and checks the tarballs;
#   2. creates an app with @backstage/create-app (the version whose Backstage
#      release this repository is on), plus a legacy-frontend-system app
#      workspace from create-app --legacy;
#   3. applies docs/install.md's marked blocks (scripts/install-test/apply-install-doc.mjs),
#      with the tarballs standing in for the registry;
#   4. installs, type-checks, checks the config schema, builds both frontends and
#      checks their bundles contain the SLO card, builds the backend and boots it on
#      SQLite on a free port: /api/slo/health must answer; runs the CLI.
# Work directory: .local/install-test (SLO_KIT_INSTALL_TEST_DIR to change), replaced
# on every run. Packages come from Yarn's cache, shared with the repository's own
# install, so only what the app adds is downloaded.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

# create-app 0.9.2 creates Backstage 1.55.0 apps (@backstage/cli 0.36.6); checked below
# against backstage.json.
create_app_version=0.9.2
packages=(
  plugins/slo-common
  plugins/slo-node
  plugins/slo-backend
  plugins/slo-backend-module-prometheus
  plugins/scaffolder-backend-module-slo
  plugins/slo
  packages/cli
)
# A string only the entity card renders.
card_marker='No SLOs could be read for this service.'

work="${SLO_KIT_INSTALL_TEST_DIR:-$repo/.local/install-test}"
app="$work/app"
packs="$work/packs"
started=$SECONDS
step_name=
step_started=$SECONDS
step() {
  if [ -n "$step_name" ]; then
    printf '    (%s: %ss)\n' "$step_name" "$((SECONDS - step_started))"
  fi
  step_name="$1"
  step_started=$SECONDS
  printf '\n--- install test: %s ---\n' "$1"
}

# Builds land in each package's dist/; those made here are removed again, so the
# repository keeps running its packages from source (the CLI's bin prefers dist/).
built_here=()
remove_builds() {
  for dir in "${built_here[@]}"; do rm -rf "${repo:?}/$dir/dist"; done
  built_here=()
}
backend_pid=
cleanup() {
  if [ -n "$backend_pid" ] && kill -0 "$backend_pid" 2>/dev/null; then
    kill "$backend_pid" 2>/dev/null || true
    wait "$backend_pid" 2>/dev/null || true
  fi
}
trap 'cleanup; remove_builds' EXIT

rm -rf "$work"
mkdir -p "$packs"

step "build and pack the packages"
yarn tsc
for dir in "${packages[@]}"; do
  [ -d "$dir/dist" ] || built_here+=("$dir")
done
for dir in "${packages[@]}"; do
  (
    cd "$dir"
    yarn backstage-cli package build
    yarn pack --out "$packs/%s-%v.tgz" >/dev/null
  )
done
remove_builds
node scripts/install-test/check-tarballs.mjs "$packs" "$repo"

step "create an app with @backstage/create-app@$create_app_version"
export BACKSTAGE_APP_NAME=slo-kit-install-test
(cd "$work" && npx --yes "@backstage/create-app@$create_app_version" --path app --skip-install </dev/null >create-app.log 2>&1) ||
  { cat "$work/create-app.log"; exit 1; }
(cd "$work" && npx --yes "@backstage/create-app@$create_app_version" --legacy --path legacy --skip-install </dev/null >create-app-legacy.log 2>&1) ||
  { cat "$work/create-app-legacy.log"; exit 1; }
repo_release=$(node -p "require('./backstage.json').version")
app_release=$(node -p "require('$app/backstage.json').version")
if [ "$repo_release" != "$app_release" ]; then
  echo "create-app $create_app_version makes Backstage $app_release apps, this repository is on $repo_release: update create_app_version in $0" >&2
  exit 1
fi
# The legacy app's frontend joins the same app as a second frontend workspace.
mv "$work/legacy/packages/app" "$app/packages/app-legacy"
rm -rf "$work/legacy"
node -e '
  const fs = require("fs"); const f = process.argv[1];
  const p = JSON.parse(fs.readFileSync(f, "utf8")); p.name = "app-legacy";
  fs.writeFileSync(f, JSON.stringify(p, null, 2) + "\n");' "$app/packages/app-legacy/package.json"
# Seed the lockfile with the repository's (as create-app seeds it with Backstage's
# when it can reach GitHub): the same versions the repository is tested with, from
# the cache; yarn drops what the app does not use.
cp yarn.lock "$app/yarn.lock"
# Native addons nothing here loads (tree-sitter parsers of the API docs' Swagger
# tooling, ssh2 for Docker, keytar) take minutes to compile: not built.
node -e '
  const fs = require("fs"); const f = process.argv[1];
  const p = JSON.parse(fs.readFileSync(f, "utf8"));
  p.dependenciesMeta = {};
  for (const n of ["tree-sitter", "tree-sitter-json", "@tree-sitter-grammars/tree-sitter-yaml", "ssh2", "cpu-features", "keytar"]) {
    p.dependenciesMeta[n] = { built: false };
  }
  fs.writeFileSync(f, JSON.stringify(p, null, 2) + "\n");' "$app/package.json"

step "apply docs/install.md"
node scripts/install-test/apply-install-doc.mjs --doc docs/install.md --app "$app" \
  --packs "$packs" --repo "$repo" --legacy-app packages/app-legacy

cd "$app"
step "yarn install"
YARN_ENABLE_IMMUTABLE_INSTALLS=false yarn install >"$work/yarn-install.log" 2>&1 ||
  { tail -50 "$work/yarn-install.log"; exit 1; }
grep -E 'YN0002|YN0060' "$work/yarn-install.log" | grep -i 'slo-kit' && {
  echo "SLO Kit packages have unmet or incompatible peer dependencies (above)" >&2
  exit 1
} || true

step "type check"
yarn tsc

step "configuration schema"
yarn backstage-cli config:check --lax --config app-config.yaml
yarn backstage-cli config:schema --format json >"$work/config-schema.json"
for key in '"maxPoints"' '"localPublishDirectory"'; do
  grep -q "$key" "$work/config-schema.json" ||
    { echo "config schema lacks $key: SLO Kit's config.schema.json was not found" >&2; exit 1; }
done

step "build the frontends"
for frontend in app app-legacy; do
  yarn workspace "$frontend" build >"$work/build-$frontend.log" 2>&1 ||
    { tail -50 "$work/build-$frontend.log"; exit 1; }
  if ! grep -rqlF "$card_marker" "packages/$frontend/dist/static"; then
    echo "packages/$frontend/dist has no '$card_marker': the SLO card is not in the bundle" >&2
    exit 1
  fi
  echo "packages/$frontend/dist contains the SLO card"
done

step "build and boot the backend"
# The production build (yarn build:backend; its bundle is what the created app's
# Dockerfile deploys), without rebuilding the frontend built above. Its bundled
# entry point runs here against the app's node_modules.
yarn workspace backend build --skip-build-dependencies
tar -xzf packages/backend/dist/bundle.tar.gz packages/backend/dist
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
cat >"$work/app-config.install-test.yaml" <<EOF
backend:
  baseUrl: http://localhost:$port
  listen:
    port: $port
EOF
(cd packages/backend && exec node . --config ../../app-config.yaml \
  --config "$work/app-config.install-test.yaml") >"$work/backend.log" 2>&1 &
backend_pid=$!
health=
for _ in $(seq 1 180); do
  if ! kill -0 "$backend_pid" 2>/dev/null; then
    tail -40 "$work/backend.log"
    echo "the backend exited before /api/slo/health answered" >&2
    exit 1
  fi
  if health=$(curl -fsS "http://localhost:$port/api/slo/health" 2>/dev/null); then
    break
  fi
  sleep 1
done
if [ -z "$health" ]; then
  tail -40 "$work/backend.log"
  echo "/api/slo/health did not answer within 180 s" >&2
  exit 1
fi
case "$health" in
  *'"ok"'*) echo "GET /api/slo/health on :$port → $health" ;;
  *) echo "GET /api/slo/health answered $health" >&2; exit 1 ;;
esac
# The slo plugin's init applies its migrations; wait until every plugin is up.
plain_log() { sed 's/\x1b\[[0-9;]*m//g' "$work/backend.log"; }
for _ in $(seq 1 60); do
  plain_log | grep -q 'Plugin initialization complete' && break
  sleep 1
done
plain_log | grep -q 'Plugin initialization complete' ||
  { plain_log | tail -40; echo "the backend's plugins did not finish initializing" >&2; exit 1; }
if plain_log | grep -E '^\S+ (slo|backstage) (error|warn)'; then
  echo "the backend logged the errors or warnings above" >&2
  exit 1
fi
echo "every plugin initialized, the slo plugin's migrations applied"
cleanup
backend_pid=

step "the CLI"
yarn slo-kit validate "$repo/packages/cli/examples/checkout-slos.yaml"

step "done"
printf 'install test passed in %ss (work directory %s)\n' "$((SECONDS - started))" "$work"
