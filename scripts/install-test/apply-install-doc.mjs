#!/usr/bin/env node
// Applies docs/install.md to an app created by @backstage/create-app, for
// scripts/test-install.sh. The code lines come from the doc's blocks marked
// `<!-- install-test: <id> -->`, unchanged; this file only knows where each
// block goes (the place the doc's prose names). A marked block this file does
// not know, or a known one missing from the doc, fails the run, so the doc and
// the test cannot drift apart.
//
// Usage: node apply-install-doc.mjs --doc <install.md> --app <app dir>
//          --packs <dir of .tgz> --repo <repository root> [--legacy-app <workspace dir>]
//
// Packages come from the packed tarballs instead of the registry: each
// `yarn ... add @slo-kit/...` line becomes a `^<version>` dependency and the
// root `resolutions` point every @slo-kit package (also the ones they depend
// on) at its tarball. The repository's own `resolutions` (pins for packages
// the registry lacks) are copied too.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i];
    const value = argv[i + 1];
    if (!key?.startsWith('--') || value === undefined) {
      throw new Error(`Bad arguments near '${key}'`);
    }
    args[key.slice(2)] = value;
  }
  for (const required of ['doc', 'app', 'packs', 'repo']) {
    if (!args[required]) throw new Error(`--${required} is required`);
  }
  return args;
}

/** The doc's marked blocks by id: `<!-- install-test: id -->` then a fenced block. */
export function readMarkedBlocks(markdown) {
  const blocks = new Map();
  const marker =
    /<!-- install-test: ([a-z0-9-]+) -->\n\s*```(\w+)\n([\s\S]*?)\n```/g;
  const markers = markdown.match(/<!-- install-test:[^>]*-->/g) ?? [];
  for (const match of markdown.matchAll(marker)) {
    const [, id, lang, code] = match;
    if (blocks.has(id))
      throw new Error(`install.md: block '${id}' appears twice`);
    blocks.set(id, { lang, code });
  }
  if (markers.length !== blocks.size) {
    throw new Error(
      `install.md: ${markers.length} install-test markers but ${blocks.size} are directly followed by a fenced code block`,
    );
  }
  return blocks;
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function writeJson(file, value) {
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** name → { file, version } of every packed tarball. */
function readTarballs(packsDir) {
  const tarballs = new Map();
  for (const entry of fs
    .readdirSync(packsDir)
    .filter(f => f.endsWith('.tgz'))) {
    const file = path.resolve(packsDir, entry);
    const pkg = JSON.parse(
      execFileSync('tar', ['-xzOf', file, 'package/package.json'], {
        encoding: 'utf8',
      }),
    );
    tarballs.set(pkg.name, { file, version: pkg.version });
  }
  if (tarballs.size === 0) throw new Error(`No .tgz files in ${packsDir}`);
  return tarballs;
}

/** `yarn --cwd <dir> add [--dev] <pkgs>` and `yarn add --dev <pkgs>` as package.json edits. */
function applyAddCommands(id, code, appDir, tarballs, redirect) {
  const lines = code.split('\n').filter(l => l.trim() && !l.startsWith('#'));
  for (const line of lines) {
    const words = line.trim().split(/\s+/);
    if (words[0] !== 'yarn')
      throw new Error(`${id}: not a yarn command: ${line}`);
    let dir = '.';
    let i = 1;
    if (words[i] === '--cwd') {
      dir = words[i + 1];
      i += 2;
    }
    if (words[i] !== 'add')
      throw new Error(`${id}: expected 'add' in: ${line}`);
    i += 1;
    let field = 'dependencies';
    const names = [];
    for (const word of words.slice(i)) {
      if (word === '--dev' || word === '-D') field = 'devDependencies';
      else if (word.startsWith('-'))
        throw new Error(`${id}: unknown flag ${word}`);
      else names.push(word);
    }
    const targetDir = redirect?.[dir] ?? dir;
    const pkgFile = path.resolve(appDir, targetDir, 'package.json');
    const pkg = readJson(pkgFile);
    pkg[field] = pkg[field] ?? {};
    for (const name of names) {
      const tarball = tarballs.get(name);
      if (!tarball) throw new Error(`${id}: no packed tarball for ${name}`);
      pkg[field][name] = `^${tarball.version}`;
    }
    pkg[field] = Object.fromEntries(
      Object.entries(pkg[field]).sort(([a], [b]) => a.localeCompare(b)),
    );
    writeJson(pkgFile, pkg);
    console.log(
      `${id}: ${names.join(', ')} → ${path.join(
        targetDir,
        'package.json',
      )} ${field}`,
    );
  }
}

/** Splits a TS block into its import statements and the rest. */
function splitImports(code) {
  const imports = [];
  const body = [];
  const lines = code.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (/^import\s/.test(lines[i])) {
      const statement = [lines[i]];
      while (!statement[statement.length - 1].trimEnd().endsWith(';')) {
        i += 1;
        if (i >= lines.length)
          throw new Error(`Unterminated import: ${statement[0]}`);
        statement.push(lines[i]);
      }
      imports.push(statement.join('\n'));
    } else {
      body.push(lines[i]);
    }
  }
  while (body.length && !body[0].trim()) body.shift();
  while (body.length && !body[body.length - 1].trim()) body.pop();
  // A lone JSX element in the doc may end with the `;` formatters give an
  // expression statement; inside the app's JSX it would be text.
  if (body.length && body[0].trim().startsWith('<')) {
    body[body.length - 1] = body[body.length - 1].replace(/>;\s*$/, '>');
  }
  return { imports, body };
}

/** Puts imports after the file's last import statement. */
function addImports(source, imports) {
  if (imports.length === 0) return source;
  const lines = source.split('\n');
  let end = -1;
  for (let i = 0; i < lines.length; i++) {
    if (/^import\s/.test(lines[i])) {
      let j = i;
      while (!lines[j].trimEnd().endsWith(';')) j += 1;
      end = j;
      i = j;
    }
  }
  lines.splice(end + 1, 0, ...imports);
  return lines.join('\n');
}

/** Inserts lines before or after the first line containing `anchor`, at its indentation. */
function insertAtAnchor(source, body, anchor, where, label) {
  if (body.length === 0) return source;
  const lines = source.split('\n');
  const index = lines.findIndex(l => l.includes(anchor));
  if (index < 0) throw new Error(`${label}: '${anchor}' not found`);
  const indent = lines[index].match(/^\s*/)[0];
  const indented = body.map(l => (l.trim() ? indent + l : l));
  lines.splice(where === 'before' ? index : index + 1, 0, ...indented);
  return lines.join('\n');
}

function applyTs(id, code, file, placement) {
  const { imports, body } = splitImports(code);
  if (!placement && body.length > 0) {
    throw new Error(`${id}: only imports expected, found: ${body[0]}`);
  }
  let source = fs.readFileSync(file, 'utf8');
  source = addImports(source, imports);
  if (placement) {
    source = insertAtAnchor(
      source,
      body,
      placement.anchor,
      placement.where,
      id,
    );
  }
  fs.writeFileSync(file, source);
  console.log(
    `${id}: ${imports.length} import(s), ${body.length} line(s) → ${file}`,
  );
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const appDir = path.resolve(args.app);
  const legacyDir = args['legacy-app'];
  const tarballs = readTarballs(args.packs);
  const blocks = readMarkedBlocks(fs.readFileSync(args.doc, 'utf8'));

  // Where each marked block goes; the doc's prose says the same in words.
  const backendIndex = path.join(appDir, 'packages/backend/src/index.ts');
  const beforeStart = { anchor: 'backend.start();', where: 'before' };
  const steps = {
    'deps-backend': b =>
      applyAddCommands('deps-backend', b.code, appDir, tarballs),
    'backend-plugin': b =>
      applyTs('backend-plugin', b.code, backendIndex, beforeStart),
    'backend-permission-rules': b =>
      applyTs('backend-permission-rules', b.code, backendIndex, beforeStart),
    'backend-scaffolder': b =>
      applyTs('backend-scaffolder', b.code, backendIndex, beforeStart),
    'deps-frontend': b => {
      applyAddCommands('deps-frontend', b.code, appDir, tarballs);
      if (legacyDir) {
        applyAddCommands('deps-frontend', b.code, appDir, tarballs, {
          'packages/app': legacyDir,
        });
      }
    },
    'legacy-app-route': b =>
      legacyDir &&
      applyTs(
        'legacy-app-route',
        b.code,
        path.join(appDir, legacyDir, 'src/App.tsx'),
        {
          anchor: '</FlatRoutes>',
          where: 'before',
        },
      ),
    'legacy-entity-imports': b =>
      legacyDir &&
      applyTs(
        'legacy-entity-imports',
        b.code,
        path.join(appDir, legacyDir, 'src/components/catalog/EntityPage.tsx'),
      ),
    'legacy-entity-card': b =>
      legacyDir &&
      applyTs(
        'legacy-entity-card',
        b.code,
        path.join(appDir, legacyDir, 'src/components/catalog/EntityPage.tsx'),
        { anchor: '{entityWarningContent}', where: 'after' },
      ),
    'legacy-entity-tab': b =>
      legacyDir &&
      applyTs(
        'legacy-entity-tab',
        b.code,
        path.join(appDir, legacyDir, 'src/components/catalog/EntityPage.tsx'),
        {
          anchor: '<EntityLayout.Route path="/docs" title="Docs">',
          where: 'before',
        },
      ),
    config: b => {
      const file = path.join(appDir, 'app-config.yaml');
      fs.appendFileSync(file, `\n${b.code}\n`);
      console.log(`config: ${b.code.split('\n').length} line(s) → ${file}`);
    },
    'deps-cli': b => applyAddCommands('deps-cli', b.code, appDir, tarballs),
  };

  const unknown = [...blocks.keys()].filter(id => !(id in steps));
  const missing = Object.keys(steps).filter(id => !blocks.has(id));
  if (unknown.length || missing.length) {
    throw new Error(
      `install.md and the install test disagree: unknown blocks [${unknown.join(
        ', ',
      )}], missing blocks [${missing.join(', ')}]`,
    );
  }

  // Root resolutions: the repository's pins, then every packed package → its tarball.
  const rootFile = path.join(appDir, 'package.json');
  const root = readJson(rootFile);
  const repoRoot = readJson(path.join(args.repo, 'package.json'));
  root.resolutions = { ...root.resolutions, ...repoRoot.resolutions };
  for (const [name, { file }] of tarballs) {
    root.resolutions[name] = `file:${file}`;
  }
  writeJson(rootFile, root);
  console.log(
    `resolutions: ${Object.keys(root.resolutions).length} → ${rootFile}`,
  );

  for (const [id, step] of Object.entries(steps)) step(blocks.get(id));
}

main();
