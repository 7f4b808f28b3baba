import { expect, test } from '@playwright/test';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  backendUrl,
  callBackend,
  dryRunTemplate,
  guestToken,
} from './templateDryRun';
import {
  Workflow,
  WorkflowStep,
  expressionsIn,
  resolveEnv,
  runStep,
} from './workflowSteps';

/**
 * The CI workflow a service generated from the golden path gets, run for
 * real: the template is rendered through the scaffolder's dry run, and the
 * shell of its SLO Kit steps runs with bash against the demo portal's
 * backend, with the demo's external-access token as the SLO_KIT_TOKEN secret.
 * No browser page is needed.
 */

const token = process.env.SLO_KIT_DEMO_TOKEN ?? 'slo-kit-demo-token-change-me';
/** A commit sha of this run, so the recorded evaluations and deploys are its own. */
const sha = `e2e${Date.now().toString(16)}`.padEnd(40, '0');
const serviceName = `ci-workflow-${Date.now().toString(36)}`;

/** What a runner of this workflow substitutes for each `${{ … }}` it uses. */
const runner: Record<string, string> = {
  'secrets.SLO_KIT_TOKEN': token,
  'vars.SLO_KIT_URL': backendUrl,
  'vars.SLO_KIT_FAIL_OPEN': '',
  'github.sha': sha,
  'inputs.change_type': '',
  'github.server_url': 'https://github.com',
  'github.repository': 'example/ci-workflow-e2e',
  'github.run_id': '4242',
};

/** The demo services whose release-gate answers the tests check. */
const DEMO_SERVICES = [
  'identity-api',
  'session-service',
  'checkout-api',
  'payments-service',
  'storefront-web',
];

/**
 * Waits until the evaluation job has judged all of the demo's backfilled
 * data: no demo service's gate answer still says its SLOs have no data, and
 * every demo SLO's status counts data of the last few minutes (a cycle that
 * ran while the backfill was still sending older days is not enough).
 */
async function waitForEvaluatedDemo(timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const waiting: string[] = [];
    const recent = Date.now() - 5 * 60_000;
    for (const name of DEMO_SERVICES) {
      const decision = await callBackend(
        'GET',
        `/api/slo/v1/gate/component/default/${name}`,
        token,
      );
      const page = await callBackend(
        'GET',
        `/api/slo/v1/entities/component/default/${name}`,
        token,
      );
      const evaluatedThroughNow = (page?.slos ?? []).every(
        (slo: any) => Date.parse(slo.status?.dataThrough ?? '') >= recent,
      );
      if (
        decision.reasons.some((r: any) => r.rule === 'noData') ||
        !evaluatedThroughNow
      ) {
        waiting.push(name);
      }
    }
    if (waiting.length === 0 || Date.now() > deadline) {
      return;
    }
    await new Promise(resolve => setTimeout(resolve, 5_000));
  }
}

let workflow: Workflow;
let workflowText: string;
let slosYaml: string;

test.beforeAll(async () => {
  test.setTimeout(360_000);
  await waitForEvaluatedDemo(180_000);
  const files = await dryRunTemplate(
    'service-with-slos',
    {
      name: serviceName,
      description: 'Checks the generated CI workflow',
      owner: 'group:default/payments',
      sreOwner: 'group:default/sre',
      availabilityTarget: 99.9,
      latencyThresholdMs: 300,
      latencyTarget: 99,
      window: '28d',
      budgetingMethod: 'Occurrences',
      releasePolicy: 'default',
      publishTo: 'portal',
    },
    await guestToken(),
  );
  workflowText = files['.github/workflows/ci.yaml'];
  slosYaml = files['slos.yaml'];
  expect(workflowText).toBeTruthy();
  expect(slosYaml).toBeTruthy();
  workflow = new Workflow(workflowText);
});

/** A checkout of the generated repository holding `slos` as slos.yaml. */
async function checkout(slos: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ci-workflow-'));
  await writeFile(path.join(dir, 'slos.yaml'), slos);
  return dir;
}

/** Runs one step of the workflow with the runner's values and `overrides`. */
async function run(
  step: WorkflowStep,
  overrides: Record<string, string> = {},
  slos = slosYaml,
) {
  const env = { ...resolveEnv(step.env, runner), ...overrides };
  const result = await runStep(step, env, await checkout(slos));
  test.info().attach(`${step.name} ${JSON.stringify(overrides)}`, {
    body: result.output,
    contentType: 'text/plain',
  });
  return result;
}

const validateStep = () => workflow.step('build', 'Validate the SLOs');
const gateStep = () => workflow.step('release-gate', 'Ask the release gate');
const recordStep = () => workflow.step('deploy', 'Record the deploy');

test('the template renders a GitHub Actions workflow whose SLO Kit steps need only the runner', () => {
  expect(workflowText).not.toMatch(/\{%|%\}|values\./);
  const { document } = workflow;
  expect(Object.keys(document.jobs)).toEqual([
    'build',
    'release-gate',
    'deploy',
  ]);
  for (const job of Object.values<any>(document.jobs)) {
    expect(job['runs-on']).toBe('ubuntu-latest');
    for (const step of job.steps) {
      expect(typeof (step.run ?? step.uses)).toBe('string');
    }
  }
  expect(document.jobs['release-gate'].needs).toBe('build');
  expect(document.jobs.deploy.needs).toBe('release-gate');
  expect(document.env.SLO_KIT_ENTITY).toBe(`component:default/${serviceName}`);
  // Every GitHub expression is one the runner provides (and this test knows).
  for (const expression of expressionsIn(workflowText)) {
    expect(Object.keys(runner)).toContain(expression);
  }
  // No SLO Kit package: the steps call the portal with curl and jq.
  for (const step of [validateStep(), gateStep(), recordStep()]) {
    expect(step.run).not.toMatch(/\bnpx\b|\bnpm\b|slo-kit /);
    expect(step.run).toContain('curl ');
  }
});

test('the validate step passes the generated slos.yaml', async () => {
  const result = await run(validateStep());
  expect(result.output).toContain(
    `slos.yaml: valid (${serviceName}-availability, ${serviceName}-latency)`,
  );
  expect(result.code).toBe(0);
});

test('the validate step fails a broken slos.yaml, naming the line', async () => {
  const lines = slosYaml.split('\n');
  const index = lines.findIndex(line => /targetPercent: /.test(line));
  expect(index).toBeGreaterThanOrEqual(0);
  lines[index] = lines[index].replace(
    /targetPercent: .*/,
    'targetPercent: 120',
  );
  const line = index + 1;
  const result = await run(validateStep(), {}, lines.join('\n'));
  expect(result.code).toBe(1);
  expect(result.output).toMatch(
    new RegExp(
      `^slos\\.yaml:${line}:\\d+: document 0 \\(${serviceName}-availability\\), spec\\.objectives\\[0\\]\\.targetPercent: must be a percentage`,
      'm',
    ),
  );
  expect(result.output).toContain(`::error file=slos.yaml,line=${line},`);
});

test('the gate step lets an allowed service deploy, and the deploy is recorded', async () => {
  const entity = 'component:default/identity-api';
  const gate = await run(gateStep(), { SLO_KIT_ENTITY: entity });
  expect(gate.output).toContain(
    `Release gate for ${entity} at ${sha} (production): allow`,
  );
  expect(gate.output).toContain('Allowed.');
  expect(gate.code).toBe(0);

  const record = await run(recordStep(), { SLO_KIT_ENTITY: entity });
  expect(record.output).toContain(
    `Recorded in SLO Kit: Deploy ${sha.slice(0, 12)} to production`,
  );
  expect(record.code).toBe(0);

  // The gate recorded who asked about which version, and what it answered.
  const { items } = await callBackend(
    'GET',
    `/api/slo/v1/gate/evaluations?entityRef=${encodeURIComponent(entity)}`,
    token,
  );
  expect(items).toContainEqual(
    expect.objectContaining({
      version: sha,
      environment: 'production',
      decision: 'allow',
      requestedBy: 'slo-kit-demo-feeder',
    }),
  );
});

test('the gate step warns and goes on for a service without SRE owner and little budget', async () => {
  const gate = await run(gateStep(), {
    SLO_KIT_ENTITY: 'component:default/session-service',
  });
  expect(gate.output).toMatch(
    /: warn, policy default \(enforce\); CI acts on: warn\./,
  );
  expect(gate.output).toMatch(/^ {2}warn: No SRE owner/m);
  expect(gate.output).toMatch(
    /^::warning title=Release gate: warn::.*No SRE owner/m,
  );
  expect(gate.output).toContain('The deploy goes ahead with a warning.');
  expect(gate.code).toBe(0);
});

test('the gate step stops the deploy of a service whose budget is exhausted', async () => {
  const gate = await run(gateStep(), {
    SLO_KIT_ENTITY: 'component:default/checkout-api',
  });
  expect(gate.output).toMatch(
    /: block, policy default \(enforce\); CI acts on: block\./,
  );
  expect(gate.output).toMatch(/^ {2}block: .*error budget exhausted/m);
  expect(gate.output).toMatch(
    /^::error title=Release gate: block::.*error budget exhausted/m,
  );
  expect(gate.output).toContain('The deploy is stopped.');
  expect(gate.summary).toContain('### Release gate: block (enforced: block)');
  expect(gate.code).toBe(1);
});

test('the gate step stops the deploy of a payments-critical service with a page alert', async () => {
  const gate = await run(gateStep(), {
    SLO_KIT_ENTITY: 'component:default/payments-service',
  });
  expect(gate.output).toMatch(/: block, policy payments-critical \(enforce\)/);
  expect(gate.output).toMatch(/^ {2}block: .*page alert firing/m);
  expect(gate.code).toBe(1);
});

test('the gate step says what an advisory policy would do and goes on', async () => {
  const gate = await run(gateStep(), {
    SLO_KIT_ENTITY: 'component:default/storefront-web',
  });
  expect(gate.output).toMatch(
    /: block, policy advisory \(advisory\); CI acts on: allow\./,
  );
  expect(gate.output).toMatch(
    /^::warning title=Release gate \(advisory\): would block::/m,
  );
  expect(gate.output).toContain(
    'the gate would block this deploy, which goes ahead',
  );
  expect(gate.code).toBe(0);
});

test('the gate step lets a rollback through a block, saying so', async () => {
  const gate = await run(gateStep(), {
    SLO_KIT_ENTITY: 'component:default/checkout-api',
    CHANGE_TYPE: 'rollback',
  });
  expect(gate.output).toContain(
    'Allowed: the policy exempts rollback deploys; the reasons above are recorded.',
  );
  expect(gate.code).toBe(0);
});

test('the gate step fails when it cannot ask, unless the team chose fail-open', async () => {
  const unknown = await run(gateStep(), {
    SLO_KIT_ENTITY: 'component:default/no-such-service',
  });
  expect(unknown.output).toMatch(
    /^::error title=Release gate not asked::SLO Kit does not know component:default\/no-such-service \(404/m,
  );
  expect(unknown.code).toBe(1);

  const badToken = await run(gateStep(), { SLO_KIT_TOKEN: 'not-a-token' });
  expect(badToken.output).toContain('SLO Kit refused the token (401');
  expect(badToken.code).toBe(1);

  // Nothing listens on the discard port: a network error.
  const unreachable = await run(gateStep(), {
    SLO_KIT_URL: 'http://127.0.0.1:9',
  });
  expect(unreachable.output).toContain('No answer from http://127.0.0.1:9.');
  expect(unreachable.code).toBe(1);

  const failOpen = await run(gateStep(), {
    SLO_KIT_URL: 'http://127.0.0.1:9',
    SLO_KIT_FAIL_OPEN: 'true',
  });
  expect(failOpen.output).toMatch(
    /^::warning title=Release gate not asked::No answer from .*SLO_KIT_FAIL_OPEN is true, so the deploy goes ahead unchecked\./m,
  );
  expect(failOpen.code).toBe(0);
});
