#!/usr/bin/env node
// Checks the tarballs `yarn pack` made of SLO Kit's packages, for
// scripts/test-install.sh: what an app installs must hold the built code, its
// types, the README, the backend's migrations and OpenAPI spec and the config
// schemas, with package.json entry points that exist and Backstage metadata
// that matches the package's role.
//
// Usage: node check-tarballs.mjs <dir of .tgz> <repository root>

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const [packsDir, repoRoot] = process.argv.slice(2);
if (!packsDir || !repoRoot) {
  throw new Error('Usage: check-tarballs.mjs <packs dir> <repository root>');
}

const migrations = fs
  .readdirSync(path.join(repoRoot, 'plugins/slo-backend/migrations'))
  .filter(f => f.endsWith('.js'))
  .map(f => `migrations/${f}`);

// Files each package must ship besides package.json and README.md.
const expected = {
  '@slo-kit/plugin-slo': [
    'dist/index.esm.js',
    'dist/index.d.ts',
    'dist/alpha.esm.js',
    'dist/alpha.d.ts',
  ],
  '@slo-kit/plugin-slo-common': [
    'dist/index.cjs.js',
    'dist/index.esm.js',
    'dist/index.d.ts',
  ],
  '@slo-kit/plugin-slo-node': ['dist/index.cjs.js', 'dist/index.d.ts'],
  '@slo-kit/plugin-slo-backend': [
    'dist/index.cjs.js',
    'dist/index.d.ts',
    'config.schema.json',
    'src/schema/openapi.yaml',
    ...migrations,
  ],
  '@slo-kit/plugin-slo-backend-module-prometheus': [
    'dist/index.cjs.js',
    'dist/index.d.ts',
  ],
  '@slo-kit/plugin-scaffolder-backend-module-slo': [
    'dist/index.cjs.js',
    'dist/index.d.ts',
    'config.schema.json',
  ],
  '@slo-kit/cli': ['dist/index.cjs.js', 'bin/slo-kit'],
};

const problems = [];
const seen = new Set();

for (const entry of fs.readdirSync(packsDir).filter(f => f.endsWith('.tgz'))) {
  const file = path.join(packsDir, entry);
  const files = new Set(
    execFileSync('tar', ['-tzf', file], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map(f => f.replace(/^package\//, '')),
  );
  const pkg = JSON.parse(
    execFileSync('tar', ['-xzOf', file, 'package/package.json'], {
      encoding: 'utf8',
    }),
  );
  const problem = message =>
    problems.push(`${pkg.name} (${entry}): ${message}`);
  seen.add(pkg.name);

  const wanted = expected[pkg.name];
  if (!wanted) {
    problem('not an SLO Kit package this check knows');
    continue;
  }
  for (const f of ['package.json', 'README.md', ...wanted]) {
    if (!files.has(f)) problem(`missing ${f}`);
  }
  for (const f of files) {
    if (/(^|\/)src\/.*\.tsx?$/.test(f) || f.endsWith('.test.js'))
      problem(`ships source or tests: ${f}`);
  }

  const text = JSON.stringify(pkg);
  if (text.includes('workspace:'))
    problem('package.json still has workspace: ranges');
  if (pkg.publishConfig?.access !== 'public')
    problem('publishConfig.access is not public');
  for (const field of ['main', 'module', 'types']) {
    if (pkg[field] && !files.has(pkg[field].replace(/^\.\//, ''))) {
      problem(`${field} points at ${pkg[field]}, not in the tarball`);
    }
  }
  for (const [mount, target] of Object.entries(pkg.exports ?? {})) {
    const targets =
      typeof target === 'string' ? [target] : Object.values(target);
    for (const t of targets.filter(t => t.startsWith('./'))) {
      if (!files.has(t.slice(2)))
        problem(`exports['${mount}'] points at ${t}, not in the tarball`);
    }
  }
  if (pkg.configSchema && !files.has(pkg.configSchema)) {
    problem(`configSchema ${pkg.configSchema} not in the tarball`);
  }

  const role = pkg.backstage?.role;
  if (!role) problem('no backstage.role');
  if (role !== 'cli') {
    if (!pkg.backstage?.pluginId) problem('no backstage.pluginId');
    if (role === 'backend-plugin-module') {
      if (!pkg.backstage.pluginPackage)
        problem('module without backstage.pluginPackage');
      if (pkg.backstage.pluginPackages)
        problem('module with backstage.pluginPackages');
    } else if (!pkg.backstage?.pluginPackages?.includes(pkg.name)) {
      problem('backstage.pluginPackages does not list the package itself');
    }
  }
  if (role === 'frontend-plugin') {
    if (pkg.exports?.['./alpha']?.backstage !== '@backstage/FrontendPlugin') {
      problem(
        "exports['./alpha'] is not marked as the @backstage/FrontendPlugin feature",
      );
    }
    for (const peer of ['react', 'react-dom', 'react-router-dom']) {
      if (!pkg.peerDependencies?.[peer])
        problem(`no peer dependency on ${peer}`);
      if (pkg.dependencies?.[peer])
        problem(`${peer} is a dependency, must be a peer`);
    }
  }
  if (role === 'backend-plugin' || role === 'backend-plugin-module') {
    if (pkg.backstage?.features?.['.'] !== '@backstage/BackendFeature') {
      problem('default export not marked as a @backstage/BackendFeature');
    }
  }
}

for (const name of Object.keys(expected)) {
  if (!seen.has(name)) problems.push(`${name}: no tarball`);
}

if (problems.length) {
  console.error(
    `Packed packages are not installable:\n  ${problems.join('\n  ')}`,
  );
  process.exit(1);
}
console.log(
  `${seen.size} tarballs: contents and package.json fields as expected`,
);
