import { SchedulerServiceTaskInvocationDefinition } from '@backstage/backend-plugin-api';
import {
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import sloPlugin from '@slo-kit/plugin-slo-backend';
import { Knex } from 'knex';
import request from 'supertest';
import { startCounterExporter as counterExporter } from './__testUtils__/counterExporter';
import { knownHistory } from './__testUtils__/knownHistory';
import {
  ThrowawayPrometheus,
  startThrowawayPrometheus,
} from './__testUtils__/throwawayPrometheus';
import { sloModulePrometheus } from './module';

jest.setTimeout(10 * 60_000);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const LIVE_OK = 60;
const LIVE_ERRORS = 2;
const REGISTRAR = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('plugin:catalog'),
  targetPluginId: 'slo',
});
const WRITER = mockCredentials.service.header();

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

function floorTo(ms: number, unit: number) {
  return ms - (ms % unit);
}

function sloYaml(options: {
  name: string;
  days: number;
  good?: string;
  total?: string;
  threshold?: string;
  pushed?: boolean;
}): string {
  const source = (query: string) =>
    options.pushed
      ? '          metricSource:\n            type: slo-kit-push\n'
      : `          metricSource:\n            type: prometheus\n            spec:\n              query: '${query}'\n`;
  const indicator = options.threshold
    ? `      thresholdMetric:\n        metricSource:\n          type: prometheus\n          spec:\n            query: '${options.threshold}'\n`
    : `      ratioMetric:\n        counter: true\n        good:\n${source(
        options.good!,
      )}        total:\n${source(options.total!)}`;
  return [
    'apiVersion: openslo/v1',
    'kind: SLO',
    'metadata:',
    `  name: ${options.name}`,
    'spec:',
    '  indicator:',
    `    metadata: { name: ${options.name}-sli }`,
    '    spec:',
    indicator.trimEnd(),
    `  timeWindow: [{ duration: ${options.days}d, isRolling: true }]`,
    `  budgetingMethod: ${options.threshold ? 'Timeslices' : 'Occurrences'}`,
    '  objectives:',
    options.threshold
      ? '    - { target: 0.9, op: lte, value: 0.3, timeSliceTarget: 1, timeSliceWindow: 1m }'
      : '    - { target: 0.99 }',
    '',
  ].join('\n');
}

describe('Prometheus SLI source against a real Prometheus', () => {
  const now = Date.now();
  // History in Prometheus: 7 days and an hour, ending 10 minutes ago.
  const historyFrom = floorTo(now - 7 * DAY - HOUR, HOUR);
  const historyTo = floorTo(now, MINUTE) - 10 * MINUTE;
  const resetAt = historyTo - 2 * DAY;
  const history = knownHistory({ from: historyFrom, to: historyTo, resetAt });
  const byMinute = new Map(history.minutes.map(m => [m.start, m]));

  let prometheus: ThrowawayPrometheus;
  let exporter: Awaited<ReturnType<typeof counterExporter>>;
  let server: any;
  let knex: Knex;
  const tasks = new Map<string, SchedulerServiceTaskInvocationDefinition>();
  const runTask = (id: string) =>
    tasks.get(id)!.fn(new AbortController().signal);
  const logger = mockServices.logger.mock();
  logger.child.mockReturnValue(logger);

  async function sloKey(id: string): Promise<number> {
    const row = await knex('slo_definitions').where({ id }).first('slo_key');
    return Number(row.slo_key);
  }

  async function minutesOf(id: string, from = 0, to = Number.MAX_SAFE_INTEGER) {
    const rows = await knex('slo_minute_buckets')
      .where({ slo_key: await sloKey(id) })
      .andWhere('bucket_start', '>=', from)
      .andWhere('bucket_start', '<', to)
      .orderBy('bucket_start')
      .select('bucket_start', 'good', 'total');
    return rows.map(r => ({
      start: Number(r.bucket_start),
      good: Number(r.good),
      total: Number(r.total),
    }));
  }

  async function entity(name: string) {
    const res = await request(server)
      .get(`/api/slo/v1/entities/component/default/${name}`)
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    return res.body;
  }

  async function register(entityRef: string, yaml: string) {
    const res = await request(server)
      .post('/api/slo/v1/slos')
      .set('Authorization', REGISTRAR)
      .send({ entityRef, openslo: yaml });
    expect(res.status).toBe(200);
  }

  beforeAll(async () => {
    exporter = await counterExporter({
      okPerMinute: LIVE_OK,
      errorsPerMinute: LIVE_ERRORS,
    });
    prometheus = await startThrowawayPrometheus({
      history: history.openMetrics,
      scrapeTargets: [exporter.target],
    });
    knex = await databases.init('SQLITE_3');
    const scheduler = mockServices.scheduler.mock({
      async scheduleTask(task) {
        tasks.set(task.id, task);
      },
    });
    ({ server } = await startTestBackend({
      features: [
        sloPlugin,
        sloModulePrometheus,
        scheduler.factory,
        logger.factory,
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({
          data: {
            slo: {
              sources: {
                prometheus: {
                  instances: [
                    {
                      name: 'main',
                      baseUrl: prometheus.url,
                      timeoutSeconds: 5,
                    },
                  ],
                  rereadMinutes: 3,
                },
              },
            },
          },
        }),
      ],
    }));
    const requests = (code: string) => `hist_requests_total{code${code}}`;
    await register(
      'component:default/hist',
      [
        sloYaml({
          name: 'three-days',
          days: 3,
          good: requests('!~"5.."'),
          total: 'hist_requests_total',
        }),
        sloYaml({
          name: 'seven-days',
          days: 7,
          good: requests('!~"5.."'),
          total: 'hist_requests_total',
        }),
        sloYaml({
          name: 'latency',
          days: 3,
          threshold: 'hist_latency_seconds',
        }),
        sloYaml({
          name: 'broken',
          days: 3,
          good: 'rate(hist_requests_total[',
          total: 'hist_requests_total',
        }),
      ].join('---\n'),
    );
    await register(
      'component:default/twin',
      sloYaml({ name: 'three-days', days: 3, pushed: true }),
    );
    await register(
      'component:default/live',
      sloYaml({
        name: 'live',
        days: 1,
        good: 'live_requests_total{code="200"}',
        total: 'live_requests_total',
      }),
    );
  });

  afterAll(async () => {
    await prometheus?.stop();
    await exporter?.close();
  });

  it('backfills each SLO over its whole window with the exact minute counts, counter reset included', async () => {
    await runTask('slo-source-prometheus');

    // The backfill starts at the window's first minute when the run began.
    const three = (await entity('hist')).slos.find(
      (s: any) => s.name === 'three-days',
    );
    const windowStart = Date.parse(three.sources[0].backfillFrom);
    expect(
      Math.abs(windowStart - floorTo(now - 3 * DAY, MINUTE)),
    ).toBeLessThanOrEqual(2 * MINUTE);
    const pulled = await minutesOf(
      'component:default/hist#three-days',
      windowStart,
      historyTo,
    );
    // Every minute of the window that Prometheus holds, none missing.
    expect(pulled).toHaveLength((historyTo - windowStart) / MINUTE);
    const wrong = pulled.filter(p => {
      const known = byMinute.get(p.start)!;
      return p.good !== known.ok || p.total !== known.ok + known.errors;
    });
    expect(wrong).toEqual([]);
    // The minute the counter was reset in counts its requests too.
    const reset = byMinute.get(resetAt)!;
    expect(pulled.find(p => p.start === resetAt)).toEqual({
      start: resetAt,
      good: reset.ok,
      total: reset.ok + reset.errors,
    });
    // After the history ends, Prometheus has no new requests: no events.
    const after = await minutesOf(
      'component:default/hist#three-days',
      historyTo,
    );
    expect(after.every(p => p.total === 0)).toBe(true);

    // Threshold metric: one slice per minute, good when latency <= 0.3 s.
    const slices = await minutesOf(
      'component:default/hist#latency',
      windowStart,
      historyTo,
    );
    expect(slices).toHaveLength((historyTo - windowStart) / MINUTE);
    expect(
      slices.filter(
        s =>
          s.total !== 1 ||
          s.good !== (byMinute.get(s.start)!.latency <= 0.3 + 1e-9 ? 1 : 0),
      ),
    ).toEqual([]);
  });

  it('writes hours older than minute retention as hourly rollups equal to the sums of their minutes', async () => {
    const key = await sloKey('component:default/hist#seven-days');
    const oldestMinute = Number(
      (
        await knex('slo_minute_buckets')
          .where({ slo_key: key })
          .min('bucket_start as first')
      )[0].first,
    );
    const rollups = await knex('slo_hour_rollups')
      .where({ slo_key: key })
      .andWhere('hour_start', '<', oldestMinute)
      .orderBy('hour_start')
      .select('hour_start', 'good', 'total');
    // Minute retention keeps 4 days: about 3 days of the 7 are rollups.
    expect(rollups.length).toBeGreaterThanOrEqual(3 * 24 - 2);
    expect(Number(rollups[0].hour_start)).toBe(floorTo(now - 7 * DAY, HOUR));
    const wrong = rollups.filter(r => {
      const hour = Number(r.hour_start);
      const known = history.minutes.filter(
        m => m.start >= hour && m.start < hour + HOUR,
      );
      const ok = known.reduce((sum, m) => sum + m.ok, 0);
      const all = known.reduce((sum, m) => sum + m.ok + m.errors, 0);
      return Number(r.good) !== ok || Number(r.total) !== all;
    });
    expect(wrong).toEqual([]);
  });

  it('gives the same budget as the push path for the same counts', async () => {
    const windowStart = floorTo(now - 3 * DAY, HOUR);
    const points = history.minutes
      .filter(m => m.start >= windowStart && m.start < historyTo)
      .map(m => ({
        slo: 'component:default/twin#three-days',
        timestamp: new Date(m.start).toISOString(),
        good: m.ok,
        total: m.ok + m.errors,
      }));
    for (let i = 0; i < points.length; i += 10_000) {
      const res = await request(server)
        .post('/api/slo/v1/sli')
        .set('Authorization', WRITER)
        .send({ points: points.slice(i, i + 10_000) });
      expect(res.status).toBe(200);
    }
    await runTask('slo-evaluation');

    const pulled = (await entity('hist')).slos.find(
      (s: any) => s.name === 'three-days',
    ).status.evaluation;
    const pushed = (await entity('twin')).slos[0].status.evaluation;
    expect(pulled.sli).not.toBeNull();
    expect(pulled.sli).toBe(pushed.sli);
    expect(pulled.errorBudget).toEqual(pushed.errorBudget);

    // The 7-day SLO is evaluated over all 7 days, rollups included.
    const seven = (await entity('hist')).slos.find(
      (s: any) => s.name === 'seven-days',
    ).status.evaluation;
    const inWindow = history.minutes.filter(m => m.start >= now - 7 * DAY);
    const ok = inWindow.reduce((sum, m) => sum + m.ok, 0);
    const all = inWindow.reduce((sum, m) => sum + m.ok + m.errors, 0);
    expect(seven.sli).toBeCloseTo(ok / all, 4);
  });

  it('reports a bad query on its own SLO without holding up the others', async () => {
    const broken = (await entity('hist')).slos.find(
      (s: any) => s.name === 'broken',
    );
    expect(broken.sources).toEqual([
      expect.objectContaining({
        type: 'prometheus',
        pulledThrough: null,
        unreachableSince: expect.any(String),
        error: expect.stringMatching(
          /^Prometheus main answered 400 to .*bad_data/,
        ),
      }),
    ]);
    const healthy = (await entity('hist')).slos.find(
      (s: any) => s.name === 'three-days',
    );
    expect(healthy.sources).toEqual([
      expect.objectContaining({ unreachableSince: null, error: null }),
    ]);
  });

  it('pulls live minutes, leaves an outage without data and visible, and fills the gap when Prometheus is back', async () => {
    const id = 'component:default/live#live';
    // Wait for a whole minute scraped live.
    const firstWhole = Math.ceil((Date.now() + 5_000) / MINUTE) * MINUTE;
    await new Promise(resolve =>
      setTimeout(resolve, firstWhole + MINUTE + 3_000 - Date.now()),
    );
    await runTask('slo-source-prometheus');
    const live = await minutesOf(id, firstWhole, firstWhole + MINUTE);
    expect(live).toEqual([
      { start: firstWhole, good: LIVE_OK, total: LIVE_OK + LIVE_ERRORS },
    ]);
    const pulledThrough = Date.parse(
      (await entity('live')).slos[0].sources[0].pulledThrough,
    );

    // Outage: Prometheus killed; the next minute passes.
    await prometheus.kill();
    const nextMinute = floorTo(Date.now(), MINUTE) + MINUTE;
    await new Promise(resolve =>
      setTimeout(resolve, nextMinute + 2_000 - Date.now()),
    );
    await runTask('slo-source-prometheus');
    const during = (await entity('live')).slos[0];
    expect(during.sources[0]).toMatchObject({
      pulledThrough: new Date(pulledThrough).toISOString(),
      unreachableSince: expect.any(String),
      error: expect.stringMatching(
        /^Prometheus main unreachable: ECONNREFUSED/,
      ),
    });
    expect(await minutesOf(id, pulledThrough)).toEqual([]);

    // Back: the gap is pulled and the failure cleared.
    await prometheus.restart();
    await new Promise(resolve => setTimeout(resolve, 3_000));
    await runTask('slo-source-prometheus');
    const after = (await entity('live')).slos[0];
    expect(after.sources[0]).toMatchObject({
      unreachableSince: null,
      error: null,
    });
    const newThrough = Date.parse(after.sources[0].pulledThrough);
    expect(newThrough).toBeGreaterThan(pulledThrough);
    const gap = await minutesOf(id, pulledThrough, newThrough);
    expect(gap.map(m => m.start)).toEqual(
      Array.from(
        { length: (newThrough - pulledThrough) / MINUTE },
        (_, i) => pulledThrough + i * MINUTE,
      ),
    );
    // The gap's minutes add up to the counter's growth over it.
    const growth = async (at: number) => {
      const res = await fetch(
        `${prometheus.url}/api/v1/query?query=${encodeURIComponent(
          'sum(live_requests_total)',
        )}&time=${at / 1000}`,
      );
      return Number((await res.json()).data.result[0].value[1]);
    };
    expect(gap.reduce((sum, m) => sum + m.total, 0)).toBe(
      (await growth(newThrough)) - (await growth(pulledThrough)),
    );
  });
});
