#!/usr/bin/env node
/**
 * Dry-runs the service-with-slos template against a running portal backend
 * through POST /api/scaffolder/v2/dry-run and checks the result: every step
 * ran, slos.yaml and catalog-info.yaml were generated, and slo:register
 * reported the SLO ids it would register.
 *
 *   node templates/service-with-slos/scripts/dry-run.mjs [backend-url]
 *
 * The backend URL defaults to $BACKEND_URL or http://localhost:7007. Signs in
 * with the guest provider, like a newcomer in the demo portal. Exits non-zero
 * on any failure.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const backendUrl = (
  process.argv[2] ??
  process.env.BACKEND_URL ??
  'http://localhost:7007'
).replace(/\/$/, '');
const templateDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
);

async function call(method, url, token, body) {
  const response = await fetch(`${backendUrl}${url}`, {
    method,
    headers: {
      'Content-Type': 'application/json',
      'X-Requested-With': 'XMLHttpRequest',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${method} ${url} failed: ${response.status} ${text}`);
  }
  return text ? JSON.parse(text) : undefined;
}

async function listFiles(dir, prefix = '') {
  const files = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const relative = path.posix.join(prefix, entry.name);
    if (entry.isDirectory()) {
      files.push(...(await listFiles(path.join(dir, entry.name), relative)));
    } else {
      files.push(relative);
    }
  }
  return files;
}

function check(condition, message) {
  if (!condition) {
    throw new Error(`Check failed: ${message}`);
  }
  console.log(`ok - ${message}`);
}

const guest = await call('GET', '/api/auth/guest/refresh?env=development');
const token = guest.backstageIdentity.token;

const template = parse(
  await readFile(path.join(templateDir, 'template.yaml'), 'utf8'),
);
const skeletonFiles = (await listFiles(path.join(templateDir, 'skeleton'))).map(
  file => `skeleton/${file}`,
);
const directoryContents = await Promise.all(
  ['template.yaml', ...skeletonFiles].map(async file => ({
    path: file,
    base64Content: (
      await readFile(path.join(templateDir, file))
    ).toString('base64'),
  })),
);

const values = {
  name: 'dry-run-service',
  description: 'Checks the golden path',
  owner: 'group:default/payments',
  system: 'system:default/shop',
  sreOwner: 'group:default/sre',
  availabilityTarget: 99.9,
  latencyThresholdMs: 300,
  latencyTarget: 99,
  window: 'calendar-month',
  timeZone: 'Europe/Berlin',
  budgetingMethod: 'Occurrences',
  releasePolicy: 'default',
  publishTo: 'portal',
};

const result = await call('POST', '/api/scaffolder/v2/dry-run', token, {
  template,
  values,
  secrets: {},
  directoryContents,
});

const failures = result.log.filter(entry => entry.body?.status === 'failed');
for (const entry of result.log) {
  if (entry.body?.message) {
    console.log(`  [${entry.body.stepId ?? '-'}] ${entry.body.message}`);
  }
}
check(failures.length === 0, 'no step failed');

const steps = Object.fromEntries(result.steps.map(s => [s.id, s]));
for (const id of [
  'fetch',
  'slo-definitions',
  'register-slos',
  'publish-portal',
]) {
  check(steps[id] !== undefined, `step ${id} is part of the run`);
}
const generated = Object.fromEntries(
  result.directoryContents.map(f => [
    f.path,
    Buffer.from(f.base64Content, 'base64').toString('utf8'),
  ]),
);
check('slos.yaml' in generated, 'slos.yaml was generated');
check(
  generated['slos.yaml'].includes('timeZone: Europe/Berlin'),
  'slos.yaml counts the calendar month in Europe/Berlin',
);
const entity = parse(generated['catalog-info.yaml']);
check(
  entity.metadata.annotations['slo-kit.dev/openslo-ref'] === './slos.yaml' &&
    entity.metadata.annotations['slo-kit.dev/sre-owner'] ===
      'group:default/sre',
  'catalog-info.yaml carries the SLO Kit annotations',
);
const registerLog = result.log
  .map(entry => entry.body?.message ?? '')
  .find(message => message.includes('Dry run: would register'));
check(
  registerLog?.includes(
    'component:default/dry-run-service#dry-run-service-availability',
  ) &&
    registerLog.includes(
      'component:default/dry-run-service#dry-run-service-latency',
    ),
  'slo:register reported both SLOs it would register',
);
const portfolio = await call('GET', '/api/slo/v1/slos', token);
check(
  !portfolio.items.some(
    item => item.entityRef === 'component:default/dry-run-service',
  ),
  'the dry run registered nothing with SLO Kit',
);
console.log('Dry run of service-with-slos passed.');
