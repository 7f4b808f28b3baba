/*
 * Side-by-side benchmark: the 30-day error budget of the same SLOs answered
 * (a) by Prometheus, as one PromQL query per SLO over the raw minute counters
 *     (what Pyrra- and Sloth-style rules compute), and
 * (b) by SLO Kit, which pulled the same counters from that Prometheus: one
 *     evaluation cycle for all SLOs, and the entity API read.
 * It also reports how far Prometheus' extrapolated increase() over 30 days is
 * from the exact counts, and checks that SLO Kit pulled the exact counts.
 *
 * SLO_BENCH_PROM_SLOS SLOs (default 100), 5 per entity, 30 days of one-minute
 * counter samples each, written into a throwaway Prometheus 2.x (Debian's
 * package) with promtool. Results: bench-results/prometheus-side-by-side.txt.
 *
 * Run with: yarn workspace @slo-kit/plugin-slo-backend-module-prometheus bench
 */
import {
  SchedulerService,
  SchedulerServiceTaskInvocationDefinition,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import sloPlugin from '@slo-kit/plugin-slo-backend';
import knexFactory from 'knex';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { startThrowawayPrometheus } from '../src/__testUtils__/throwawayPrometheus';
import { sloModulePrometheus } from '../src/module';

// startTestBackend registers cleanup hooks when a test runner is present.
(globalThis as any).afterAll ??= () => {};
(globalThis as any).afterEach ??= () => {};

const SLOS = Number(process.env.SLO_BENCH_PROM_SLOS ?? 100);
const PER_ENTITY = 5;
const DAYS = 30;
const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
const RESULTS = path.resolve(
  __dirname,
  '../../../bench-results/prometheus-side-by-side.txt',
);
const lines: string[] = [];
const report = (line: string) => {
  lines.push(line);
  process.stdout.write(`${line}\n`);
};
const ms = (n: number) => `${n.toFixed(2)} ms`;

/** Events of SLO `i` in minute `m` of the history: a varying load and short error bursts. */
function minuteCounts(i: number, m: number) {
  const total = 100 + ((i * 31 + m * 7) % 50);
  const bad = m % 97 === i % 97 ? 5 : 0;
  return { total, bad };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

/** One OpenMetrics file per day (promtool reads its input once per two-hour block). */
function writeHistory(
  dir: string,
  start: number,
): { files: string[]; exact: Array<{ total: number; bad: number }> } {
  const values = new Float64Array(SLOS * 2);
  const exact = Array.from({ length: SLOS }, () => ({ total: 0, bad: 0 }));
  const files: string[] = [];
  for (let day = 0; day < DAYS; day++) {
    const out: string[] = ['# TYPE bench_requests counter'];
    const from = start + day * DAY;
    for (let i = 0; i < SLOS; i++) {
      for (const code of ['200', '500'] as const) {
        const slot = i * 2 + (code === '200' ? 0 : 1);
        let value = values[slot];
        for (let t = from; t < from + DAY; t += MINUTE) {
          const m = (t - start) / MINUTE;
          // The sample at t counts the minute before it; the first is the baseline.
          if (m > 0) {
            const { total, bad } = minuteCounts(i, m - 1);
            value += code === '200' ? total - bad : bad;
            if (code === '200') {
              exact[i].total += total;
              exact[i].bad += bad;
            }
          }
          out.push(
            `bench_requests_total{slo="s${i}",code="${code}"} ${value} ${
              t / 1000
            }`,
          );
        }
        values[slot] = value;
      }
    }
    out.push('# EOF', '');
    const file = path.join(dir, `day${day}.om`);
    fs.writeFileSync(file, out.join('\n'));
    files.push(file);
  }
  return { files, exact };
}

/** A scheduler that only collects the tasks, so the bench runs them when it measures them. */
function taskCollectingScheduler(
  tasks: Map<string, SchedulerServiceTaskInvocationDefinition>,
) {
  return createServiceFactory({
    service: coreServices.scheduler,
    deps: {},
    factory: (): SchedulerService => ({
      async scheduleTask(task) {
        tasks.set(task.id, task);
      },
      async triggerTask() {},
      createScheduledTaskRunner: schedule => ({
        run: async task => {
          tasks.set(task.id, { ...task, ...schedule });
        },
      }),
      async getScheduledTasks() {
        return [];
      },
    }),
  });
}

/** Waits until Prometheus has compacted the written two-hour blocks (the block count stops changing). */
async function waitForCompaction(dataDir: string) {
  const blocks = () =>
    fs.readdirSync(dataDir).filter(name => /^[0-9A-Z]{26}$/.test(name)).length;
  let last = blocks();
  let stableSince = Date.now();
  const deadline = Date.now() + 20 * MINUTE;
  // Prometheus compacts at most once a minute: stable for two minutes means done.
  while (Date.now() - stableSince < 2 * MINUTE && Date.now() < deadline) {
    await new Promise(resolve => setTimeout(resolve, 5_000));
    const now = blocks();
    if (now !== last) {
      last = now;
      stableSince = Date.now();
    }
  }
  report(`    ${last} blocks after compaction`);
}

async function instantQuery(
  url: string,
  query: string,
  at: number,
): Promise<number> {
  const res = await fetch(`${url}/api/v1/query`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ query, time: String(at / 1000) }),
  });
  const body = await res.json();
  if (body.status !== 'success') throw new Error(`${query}: ${body.error}`);
  return Number(body.data.result[0]?.value[1] ?? NaN);
}

function sloYaml(i: number): string {
  const source = (code: string) =>
    `          metricSource:\n            type: prometheus\n            spec:\n              query: 'bench_requests_total{slo="s${i}"${code}}'\n`;
  return [
    'apiVersion: openslo/v1',
    'kind: SLO',
    'metadata:',
    `  name: slo-${i}`,
    'spec:',
    '  indicator:',
    `    metadata: { name: slo-${i}-sli }`,
    '    spec:',
    '      ratioMetric:',
    '        counter: true',
    '        bad:',
    source(',code="500"').trimEnd(),
    '        total:',
    source('').trimEnd(),
    '  timeWindow: [{ duration: 30d, isRolling: true }]',
    '  budgetingMethod: Occurrences',
    '  objectives: [{ target: 0.999 }]',
    '',
  ].join('\n');
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-kit-prom-bench-'));
  // History ends two minutes ago so SLO Kit's window (the last 30 days) holds it all but its first minutes.
  const end = Math.floor(Date.now() / MINUTE) * MINUTE - 2 * MINUTE;
  const start = end - DAYS * DAY;
  report(`Prometheus side by side, ${new Date().toISOString()}`);
  report(
    `node ${process.version}, ${os.cpus().length} CPU(s) ${
      os.cpus()[0]?.model ?? ''
    }`,
  );
  report(
    `prometheus: ${
      execFileSync('/usr/bin/prometheus', ['--version'])
        .toString()
        .split('\n')[0]
    }`,
  );
  report('');

  let began = Date.now();
  const { files, exact } = writeHistory(dir, start);
  report(
    `${SLOS} SLOs x ${DAYS} days of one-minute counter samples (2 series per SLO, ${(
      SLOS *
      2 *
      DAYS *
      1440
    ).toLocaleString('en-US')} samples)`,
  );
  const server = await startThrowawayPrometheus({ historyFiles: files });
  await waitForCompaction(server.dataDir);
  report(
    `    history written with promtool and Prometheus ready in ${(
      (Date.now() - began) /
      1000
    ).toFixed(1)} s`,
  );
  report('');

  try {
    // (a) PromQL per SLO over the raw counters, at the end of the history.
    const at = end;
    const perSlo: number[] = [];
    const ratios: number[] = [];
    for (let i = 0; i < SLOS; i++) {
      const t0 = performance.now();
      const badRatio = await instantQuery(
        server.url,
        `sum(increase(bench_requests_total{slo="s${i}",code="500"}[30d])) / sum(increase(bench_requests_total{slo="s${i}"}[30d]))`,
        at,
      );
      perSlo.push(performance.now() - t0);
      ratios.push(badRatio);
    }
    const promTotal = perSlo.reduce((a, b) => a + b, 0);
    report(
      `(a) Prometheus: one PromQL query per SLO, 30-day error ratio over the raw counters (increase()/increase()), ${SLOS} sequential queries`,
    );
    report(
      `    all SLOs: ${ms(promTotal)}; per SLO: mean ${ms(
        promTotal / SLOS,
      )}, p50 ${ms(percentile(perSlo, 50))}, p95 ${ms(
        percentile(perSlo, 95),
      )}; first (cold) query ${ms(perSlo[0])}`,
    );

    // increase() over 30 days against the exact counts.
    const differences: number[] = [];
    for (let i = 0; i < SLOS; i++) {
      const increase = await instantQuery(
        server.url,
        `sum(increase(bench_requests_total{slo="s${i}"}[30d]))`,
        at,
      );
      differences.push((increase - exact[i].total) / exact[i].total);
    }
    const absDiff = differences.map(Math.abs);
    report(
      `    increase() over 30 days vs the exact count of events: mean ${(
        (absDiff.reduce((a, b) => a + b, 0) / SLOS) *
        100
      ).toFixed(4)}%, max ${(Math.max(...absDiff) * 100).toFixed(
        4,
      )}% (extrapolated; e.g. SLO 0: ${(
        await instantQuery(
          server.url,
          'sum(increase(bench_requests_total{slo="s0"}[30d]))',
          at,
        )
      ).toFixed(1)} vs exact ${exact[0].total})`,
    );
    report('');

    // (b) SLO Kit, pulling from the same Prometheus.
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: path.join(dir, 'slo.sqlite') },
      useNullAsDefault: true,
    });
    const startSloKit = async () => {
      const tasks = new Map<string, SchedulerServiceTaskInvocationDefinition>();
      const started = await startTestBackend({
        features: [
          sloPlugin,
          sloModulePrometheus,
          taskCollectingScheduler(tasks),
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities: [] }),
          mockServices.rootConfig.factory({
            data: {
              slo: {
                sources: {
                  prometheus: {
                    instances: [{ name: 'bench', baseUrl: server.url }],
                  },
                },
              },
            },
          }),
        ],
      });
      const runTask = (id: string) =>
        tasks.get(id)!.fn(new AbortController().signal);
      return { started, runTask };
    };
    const first = await startSloKit();
    const backend = first.started.server;
    const run = first.runTask;
    const registrar = mockCredentials.service.header({
      onBehalfOf: mockCredentials.service('plugin:catalog'),
      targetPluginId: 'slo',
    });
    for (let e = 0; e < SLOS / PER_ENTITY; e++) {
      const docs = Array.from({ length: PER_ENTITY }, (_, k) =>
        sloYaml(e * PER_ENTITY + k),
      );
      const res = await request(backend)
        .post('/api/slo/v1/slos')
        .set('Authorization', registrar)
        .send({
          entityRef: `component:default/svc-${e}`,
          openslo: docs.join('---\n'),
        });
      if (res.status !== 200)
        throw new Error(`register: ${res.status} ${JSON.stringify(res.body)}`);
    }
    began = Date.now();
    await run('slo-source-prometheus');
    report(
      `(b) SLO Kit, pulling the same counters from that Prometheus (SQLite file)`,
    );
    report(
      `    backfill of ${SLOS} SLOs x 30 days (minutes where retention keeps them, hourly rollups before): ${(
        (Date.now() - began) /
        1000
      ).toFixed(1)} s`,
    );

    // Pulled counts are the exact counts (window starts at the backfill's first minute).
    const totals = await knex('slo_minute_buckets')
      .sum({ total: 'total' })
      .first();
    const rollups = await knex('slo_hour_rollups')
      .sum({ total: 'total' })
      .first();
    const pulled = Number(totals?.total ?? 0) + Number(rollups?.total ?? 0);
    const expected = exact.reduce((sum, e) => sum + e.total, 0);
    report(
      `    events pulled (minutes + rollups): ${pulled.toLocaleString(
        'en-US',
      )}; exact events in the history: ${expected.toLocaleString('en-US')} (${
        pulled === expected ? 'equal' : `differ by ${pulled - expected}`
      })`,
    );

    // The first cycle after the backfill also builds the hourly rollups of
    // the 4 days of backfilled minutes (once); then a cycle with a warm cache.
    let t0 = performance.now();
    await run('slo-evaluation');
    const afterBackfill = performance.now() - t0;
    t0 = performance.now();
    await run('slo-evaluation');
    const warm = performance.now() - t0;
    // A cold cycle: another backend on the same database, as after a restart
    // (a new plugin instance, so its evaluation cache starts empty).
    const restarted = await startSloKit();
    t0 = performance.now();
    await restarted.runTask('slo-evaluation');
    const cold = performance.now() - t0;
    const readBackend = restarted.started.server;
    report(
      `    evaluation cycle, all ${SLOS} SLOs: first after the backfill (also builds the rollups of the backfilled minutes, once) ${ms(
        afterBackfill,
      )} = ${ms(afterBackfill / SLOS)} per SLO`,
    );
    report(
      `        cold, after a restart (cache built from the database) ${ms(
        cold,
      )} = ${ms(cold / SLOS)} per SLO; with a warm cache ${ms(warm)} = ${ms(
        warm / SLOS,
      )} per SLO`,
    );

    const reads: number[] = [];
    const user = mockCredentials.user.header();
    for (let round = 0; round < 5; round++) {
      for (let e = 0; e < SLOS / PER_ENTITY; e++) {
        t0 = performance.now();
        const res = await request(readBackend)
          .get(`/api/slo/v1/entities/component/default/svc-${e}`)
          .set('Authorization', user);
        reads.push(performance.now() - t0);
        if (res.status !== 200) throw new Error(`entity read: ${res.status}`);
      }
    }
    const readP50 = percentile(reads, 50);
    report(
      `    entity API read (${PER_ENTITY} SLOs with budgets): p50 ${ms(
        readP50,
      )}, p95 ${ms(percentile(reads, 95))} = ${ms(
        readP50 / PER_ENTITY,
      )} per SLO (p50)`,
    );
    report('');

    const promPerSlo = promTotal / SLOS;
    report(
      'Per SLO, Prometheus query time divided by SLO Kit time   (goal >= 6x)',
    );
    const ratio = (sloKitMs: number) =>
      `${(promPerSlo / sloKitMs).toFixed(1)}x`;
    report(
      `    vs the cold evaluation cycle, after a restart: ${ratio(
        cold / SLOS,
      )}`,
    );
    report(
      `    vs the evaluation cycle with a warm cache:     ${ratio(
        warm / SLOS,
      )}`,
    );
    report(
      `    vs the first cycle after the backfill (once):  ${ratio(
        afterBackfill / SLOS,
      )}`,
    );
    report(
      `    vs the entity API read:                        ${ratio(
        readP50 / PER_ENTITY,
      )}`,
    );
    const [one, five, fifteen] = os.loadavg();
    report(
      `load average at the end: ${one.toFixed(2)} / ${five.toFixed(
        2,
      )} / ${fifteen.toFixed(2)}`,
    );
    await knex.destroy();
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
  fs.writeFileSync(RESULTS, `${lines.join('\n')}\n`);
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
