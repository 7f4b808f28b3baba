#!/usr/bin/env node
/*
 * Turns src/schema/openapi.yaml into src/schema/openapi/generated/spec.ts, the
 * object the router validates requests against. Run after editing the spec:
 *   yarn schema:generate
 * A unit test fails when the generated file is out of date.
 */
const fs = require('node:fs');
const path = require('node:path');
const { renderSpecModule } = require('./renderSpecModule');

const root = path.resolve(__dirname, '..');
const target = path.join(root, 'src/schema/openapi/generated/spec.ts');
fs.writeFileSync(
  target,
  renderSpecModule(
    fs.readFileSync(path.join(root, 'src/schema/openapi.yaml'), 'utf8'),
  ),
);
process.stdout.write(`wrote ${path.relative(root, target)}\n`);
