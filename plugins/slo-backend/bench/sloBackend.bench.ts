/*
 * Benchmarks of the SLO Kit backend on SQLite (better-sqlite3, file on disk):
 *  (a) ingestion over HTTP against the real plugin in 10,000-point batches,
 *      beside the raw better-sqlite3 upsert rate of the same rows;
 *  (b) evaluation cycles for 5,000 SLOs with 30 days of data: cold (cache
 *      rebuilt from the database) and after one new minute for every SLO;
 *  (c) latency of GET /v1/entities/{kind}/{namespace}/{name} with 5,000 SLOs;
 *  (d) latency of the release gate's GET /v1/gate/{kind}/{namespace}/{name}
 *      with the same 5,000 SLOs.
 * `SLO_BENCH_SECTION=gate` runs only (d), on a quick seed of status rows
 * (`SLO_BENCH_SLOS`, default 5,000) instead of the evaluated data.
 * Results are written to bench-results/slo-backend.txt at the repository root.
 *
 * Run with: yarn workspace @slo-kit/plugin-slo-backend bench
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  burnWindowEdgeOffsetsMs,
  computeHourRollup,
  floorToHour,
  evaluateSlo,
  MinuteBucket,
} from '@slo-kit/plugin-slo-common';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { Knex } from 'knex';
import {
  sloDefinition as occurrencesSlo,
  openSloYaml,
} from '@slo-kit/plugin-slo-common/testUtils';
import { SloStores, createSloStores } from '../src/database/SloStores';
import { HOUR_ROLLUP_UPSERT } from '../src/database/sliTables';
import { SloEvaluator } from '../src/service/evaluation/SloEvaluator';
import { statusRowOf } from '../src/service/evaluation/statusRow';
import { sloPlugin } from '../src/plugin';

// startTestBackend registers cleanup hooks when a test runner is present.
(globalThis as any).afterAll ??= () => {};
(globalThis as any).afterEach ??= () => {};

const RESULTS = path.resolve(
  __dirname,
  '../../../bench-results/slo-backend.txt',
);
const lines: string[] = [];

function report(line: string) {
  lines.push(line);
  process.stdout.write(`${line}\n`);
}

function sqliteKnex(file: string): Knex {
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
  });
}

async function startBackend(knex: Knex, entities: Entity[] = []) {
  const backend = await startTestBackend({
    features: [
      sloPlugin,
      mockServices.database.factory({ knex }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      catalogServiceMock.factory({ entities }),
    ],
  });
  const address = backend.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { backend, baseUrl: `http://127.0.0.1:${port}/api/slo` };
}

const silentLogger: LoggerService = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child() {
    return silentLogger;
  },
};

function percentile(sorted: number[], p: number): number {
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

/** A catalog component of the read benchmarks, owned by one of 40 teams. */
function benchEntity(name: string, index: number): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'slo-kit.dev/sre-owner': 'group:default/sre' },
    },
    spec: {
      owner: `team-${index % 40}`,
      type: 'service',
      lifecycle: 'production',
    },
  };
}

async function benchIngestion(dir: string) {
  const SLOS = 100;
  const BATCHES = 30;
  const BATCH = 10_000;
  const knex = sqliteKnex(path.join(dir, 'ingest.sqlite'));
  const { backend, baseUrl } = await startBackend(knex);
  const names = Array.from({ length: SLOS }, (_, i) => `slo-${i}`);
  const reg = await fetch(`${baseUrl}/v1/slos`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      // Another Backstage plugin on its own behalf: access tokens never register.
      Authorization: mockCredentials.service.header({
        onBehalfOf: mockCredentials.service('plugin:catalog'),
        targetPluginId: 'slo',
      }),
    },
    body: JSON.stringify({
      entityRef: 'component:default/bench',
      openslo: openSloYaml(names),
    }),
  });
  if (!reg.ok)
    throw new Error(`registration failed: ${reg.status} ${await reg.text()}`);

  const now = Date.now();
  const start = now - (now % MINUTE_MS) - 3 * DAY_MS;
  const batches: Array<{ body: string; rows: number[][] }> = [];
  for (let b = 0; b < BATCHES; b++) {
    const points = [];
    const rows: number[][] = [];
    for (let i = 0; i < BATCH; i++) {
      const n = b * BATCH + i;
      const slo = n % SLOS;
      const minute = Math.floor(n / SLOS);
      const total = 1000 + (n % 97);
      const good = total - (n % 5);
      const ts = start + minute * MINUTE_MS;
      points.push({
        slo: `component:default/bench#${names[slo]}`,
        timestamp: new Date(ts).toISOString(),
        good,
        total,
      });
      rows.push([slo + 1, ts, good, total]);
    }
    batches.push({ body: JSON.stringify({ points }), rows });
  }

  // Warm-up batch, not counted (it is written again below: a replay).
  await post(baseUrl, batches[0].body);
  const t0 = performance.now();
  for (const batch of batches) await post(baseUrl, batch.body);
  const httpSeconds = (performance.now() - t0) / 1000;
  const httpRate = (BATCHES * BATCH) / httpSeconds;
  await backend.stop();
  await knex.destroy();

  // Raw better-sqlite3: the same rows, same table shape, prepared upsert in one transaction per batch.
  const raw = new Database(path.join(dir, 'raw.sqlite'));
  raw.pragma('journal_mode = DELETE');
  raw.exec(
    'create table slo_minute_buckets (slo_key integer not null, bucket_start bigint not null, good float not null, total float not null, primary key (slo_key, bucket_start))',
  );
  raw.exec(
    'create index slo_minute_buckets_bucket_start_idx on slo_minute_buckets (bucket_start)',
  );
  const insert = raw.prepare(
    'insert into slo_minute_buckets (slo_key, bucket_start, good, total) values (?, ?, ?, ?) on conflict (slo_key, bucket_start) do update set good = excluded.good, total = excluded.total',
  );
  const writeBatch = raw.transaction((rows: number[][]) => {
    for (const row of rows) insert.run(row[0], row[1], row[2], row[3]);
  });
  const t1 = performance.now();
  for (const batch of batches) writeBatch(batch.rows);
  const rawSeconds = (performance.now() - t1) / 1000;
  const rawRate = (BATCHES * BATCH) / rawSeconds;
  raw.close();

  report(
    '(a) ingestion, SQLite file, HTTP POST /api/slo/v1/sli, 10,000-point batches',
  );
  report(
    `    points: ${BATCHES * BATCH} in ${BATCHES} batches over ${SLOS} SLOs`,
  );
  report(
    `    HTTP ingestion: ${Math.round(
      httpRate,
    )} points/s (${httpSeconds.toFixed(2)} s)   target >= 50000`,
  );
  report(
    `    raw better-sqlite3 upsert, same rows: ${Math.round(
      rawRate,
    )} points/s (${rawSeconds.toFixed(2)} s)`,
  );
  report(
    `    HTTP / raw: ${((100 * httpRate) / rawRate).toFixed(
      1,
    )}%   target >= 25%`,
  );
}

async function post(baseUrl: string, body: string) {
  const res = await fetch(`${baseUrl}/v1/sli`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: mockCredentials.service.header(),
    },
    body,
  });
  if (!res.ok)
    throw new Error(`ingestion failed: ${res.status} ${await res.text()}`);
}

async function benchEvaluationAndReads(dir: string) {
  const SLOS = 5_000;
  const PER_ENTITY = 5;
  const file = path.join(dir, 'eval.sqlite');
  const knex = sqliteKnex(file);
  const stores = await createSloStores({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
  const now = Date.UTC(2026, 0, 10, 12, 30, 0) + 20_000;
  const seedStart = performance.now();
  const entities: Entity[] = [];
  for (let e = 0; e < SLOS / PER_ENTITY; e++) {
    const name = `svc-${e}`;
    entities.push(benchEntity(name, e));
    await stores.definitions.upsertDefinitions(
      `component:default/${name}`,
      Array.from({ length: PER_ENTITY }, (_, i) =>
        occurrencesSlo(`slo-${i}`, {
          timeWindow: {
            kind: 'rolling',
            duration: '30d',
            durationMinutes: 30 * 1440,
          },
        }),
      ),
      { origin: 'catalog', replaceAll: true, now: now - 40 * DAY_MS },
    );
  }
  const slo = occurrencesSlo('x');

  // 30 days of data per SLO: hourly rollups computed by the engine from minute
  // series (20 traffic patterns), plus the minutes of the hours the evaluator
  // reads minute by minute. Older minutes are past the 4-day minute retention
  // in production and never read by the evaluator.
  const PATTERNS = 20;
  const currentHour = floorToHour(now);
  const firstHour = currentHour - 31 * DAY_MS;
  // The hours holding a burn-rate window's start: now, 1h, 2h, 6h, 1d and 3d back.
  const minuteHours = [
    ...new Set(
      burnWindowEdgeOffsetsMs().map(o => floorToHour(currentHour - o)),
    ),
  ];
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  const insertRollup = db.prepare(
    `insert into slo_hour_rollups (${HOUR_ROLLUP_UPSERT.columns.join(
      ', ',
    )}) values (${HOUR_ROLLUP_UPSERT.columns.map(() => '?').join(', ')})`,
  );
  const insertMinute = db.prepare(
    'insert into slo_minute_buckets (slo_key, bucket_start, good, total) values (?, ?, ?, ?)',
  );
  const minuteOf = (pattern: number, t: number): MinuteBucket => {
    const hourOfDay = Math.floor((t % DAY_MS) / HOUR_MS);
    const total =
      500 + 300 * Math.sin((hourOfDay / 24) * 2 * Math.PI) + pattern * 10;
    const bad = (t / MINUTE_MS + pattern) % 97 === 0 ? 40 : pattern % 3;
    return {
      start: t,
      good: Math.round(total) - bad,
      total: Math.round(total),
    };
  };
  const writeRollupHour = db.transaction(
    (hour: number, perPattern: ReturnType<typeof computeHourRollup>[]) => {
      for (let key = 1; key <= SLOS; key++) {
        const r = perPattern[key % PATTERNS];
        insertRollup.run(
          ...HOUR_ROLLUP_UPSERT.values({ ...r, sloKey: key, hourStart: hour }),
        );
      }
      return SLOS;
    },
  );
  const writeMinuteHour = db.transaction((hour: number) => {
    let written = 0;
    const lastMinute = now - (now % MINUTE_MS) - MINUTE_MS;
    for (let key = 1; key <= SLOS; key++) {
      for (let t = hour; t < hour + HOUR_MS && t < lastMinute; t += MINUTE_MS) {
        const b = minuteOf(key % PATTERNS, t);
        insertMinute.run(key, t, b.good, b.total);
        written++;
      }
    }
    return written;
  });
  let rollupRows = 0;
  let minuteRows = 0;
  for (let hour = firstHour; hour < currentHour; hour += HOUR_MS) {
    const perPattern = [];
    for (let p = 0; p < PATTERNS; p++) {
      const minutes = [];
      for (let m = 0; m < 60; m++)
        minutes.push(minuteOf(p, hour + m * MINUTE_MS));
      perPattern.push(computeHourRollup(slo, hour, minutes));
    }
    rollupRows += writeRollupHour(hour, perPattern);
  }
  for (const hour of minuteHours) {
    minuteRows += writeMinuteHour(hour);
  }
  // The rollups were written around the store, so sum them into the daily
  // rollups the way the store keeps them (one row per SLO and UTC day).
  const dayRows = db
    .prepare(
      `insert into slo_day_rollups (slo_key, day_start, good, total, minutes_with_data, slices_with_data, good_slices, slice_ratio_sum)
       select slo_key, hour_start - (hour_start % ${DAY_MS}), sum(good), sum(total), sum(minutes_with_data), sum(slices_with_data), sum(good_slices), sum(slice_ratio_sum)
       from slo_hour_rollups group by slo_key, hour_start - (hour_start % ${DAY_MS})`,
    )
    .run().changes;
  db.close();
  const seedSeconds = (performance.now() - seedStart) / 1000;

  const evaluator = new SloEvaluator({
    ...stores,
    logger: silentLogger,
    minuteRetentionMs: 4 * DAY_MS,
  });
  const cold = await evaluator.runCycle(now);
  await checkAgainstHourlyRollups(stores, now);
  // One new minute for every SLO, written like ingestion writes it.
  const lastMinute = now - (now % MINUTE_MS) - MINUTE_MS;
  await stores.sliData.writeMinuteBuckets(
    Array.from({ length: SLOS }, (_, i) => ({
      sloKey: i + 1,
      ...minuteOf((i + 1) % PATTERNS, lastMinute),
    })).map(({ sloKey, start, good, total }) => ({
      sloKey,
      bucketStart: start,
      good,
      total,
    })),
  );
  const incremental = await evaluator.runCycle(now + MINUTE_MS);
  const idle = await evaluator.runCycle(now + 2 * MINUTE_MS);

  report('');
  report(
    '(b) evaluation cycle, SQLite file, 5,000 SLOs (rolling 30d, Occurrences)',
  );
  report(
    `    seeded ${rollupRows} hourly rollups (31 days, summed into ${dayRows} daily rollups) + ${minuteRows} minute buckets in ${seedSeconds.toFixed(
      1,
    )} s`,
  );
  report(
    `    full cycle (cold cache, all data read from the database: daily rollups for whole days older than the burn-rate windows, hourly rollups and minute tails for the rest): ${(
      cold.durationMs / 1000
    ).toFixed(2)} s   target <= 5 s`,
  );
  report(
    `    incremental cycle, last minute changed for all ${SLOS} SLOs: ${(
      incremental.durationMs / 1000
    ).toFixed(2)} s (${incremental.dirtyHours} changed hours, ${
      incremental.rollupsWritten
    } rollups rewritten)   target <= 1 s`,
  );
  report(
    `    cycle with no new data: ${(idle.durationMs / 1000).toFixed(2)} s`,
  );

  // (c) entity reads with 5,000 SLOs and their statuses in the database.
  const { backend, baseUrl } = await startBackend(knex, entities);
  const samples: number[] = [];
  for (let i = 0; i < 50; i++) await getEntity(baseUrl, i);
  for (let i = 0; i < 500; i++) {
    const t = performance.now();
    await getEntity(baseUrl, (i * 7) % entities.length);
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  report('');
  report(
    '(c) GET /api/slo/v1/entities/component/default/{name}, 5,000 SLOs loaded (5 per entity), 500 sequential requests',
  );
  report(
    `    p50 ${percentile(samples, 50).toFixed(1)} ms, p95 ${percentile(
      samples,
      95,
    ).toFixed(1)} ms, p99 ${percentile(samples, 99).toFixed(
      1,
    )} ms   target p95 <= 50 ms`,
  );
  await measureGateLatency(baseUrl, entities.length, SLOS);
  await backend.stop();
  await knex.destroy();
}

/** (d) GET gate latency: a warm-up, then 500 sequential requests over the entities. */
async function measureGateLatency(
  baseUrl: string,
  entityCount: number,
  sloCount: number,
) {
  const samples: number[] = [];
  for (let i = 0; i < 50; i++) await getGate(baseUrl, i % entityCount);
  for (let i = 0; i < 500; i++) {
    const t = performance.now();
    await getGate(baseUrl, (i * 7) % entityCount);
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  report('');
  report(
    `(d) GET /api/slo/v1/gate/component/default/{name}, ${sloCount.toLocaleString(
      'en-US',
    )} SLOs loaded (5 per entity), 500 sequential requests`,
  );
  report(
    `    p50 ${percentile(samples, 50).toFixed(1)} ms, p95 ${percentile(
      samples,
      95,
    ).toFixed(1)} ms, p99 ${percentile(samples, 99).toFixed(
      1,
    )} ms   target p95 <= 20 ms`,
  );
}

async function getGate(baseUrl: string, index: number) {
  const res = await fetch(`${baseUrl}/v1/gate/component/default/svc-${index}`, {
    headers: { Authorization: mockCredentials.user.header() },
  });
  if (!res.ok)
    throw new Error(`gate read failed: ${res.status} ${await res.text()}`);
  const body = await res.json();
  if (!['allow', 'warn', 'block'].includes(body.decision))
    throw new Error(`gate answered no decision: ${JSON.stringify(body)}`);
}

/**
 * Only section (d): SLO definitions and one status row each (the engine's
 * evaluation of one minute of data), without the 30 days of data the other
 * sections seed; the gate reads status rows only.
 */
async function benchGateAlone(dir: string, sloCount: number) {
  const PER_ENTITY = 5;
  const knex = sqliteKnex(path.join(dir, 'gate.sqlite'));
  const stores = await createSloStores({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
  const now = Date.now();
  const entities: Entity[] = [];
  for (let e = 0; e < sloCount / PER_ENTITY; e++) {
    const name = `svc-${e}`;
    entities.push(benchEntity(name, e));
    await stores.definitions.upsertDefinitions(
      `component:default/${name}`,
      Array.from({ length: PER_ENTITY }, (_, i) => occurrencesSlo(`slo-${i}`)),
      { origin: 'catalog', replaceAll: true, now: now - DAY_MS },
    );
  }
  const definitions = await stores.definitions.listActiveDefinitions();
  const minute = now - (now % MINUTE_MS) - MINUTE_MS;
  await stores.statuses.writeStatuses(
    definitions.map((definition, i) => {
      const evaluation = evaluateSlo(
        definition.definition,
        { minutes: [{ start: minute, good: 990 + (i % 11), total: 1000 }] },
        now,
      );
      return statusRowOf(
        definition.sloKey,
        evaluation,
        now,
        minute + MINUTE_MS,
      );
    }),
  );
  const { backend, baseUrl } = await startBackend(knex, entities);
  await measureGateLatency(baseUrl, entities.length, definitions.length);
  await backend.stop();
  await knex.destroy();
}

/**
 * Guards the figures: the statuses of a few SLOs after the cold cycle must
 * equal the engine's result on every hourly rollup and minute stored for them.
 */
async function checkAgainstHourlyRollups(
  stores: Pick<SloStores, 'definitions' | 'sliData' | 'statuses'>,
  now: number,
) {
  const definitions = await stores.definitions.listActiveDefinitions();
  const statuses = await stores.statuses.readStatuses(
    definitions.slice(0, 3).map(d => d.sloKey),
  );
  for (const definition of definitions.slice(0, 3)) {
    const currentHour = now - (now % HOUR_MS);
    const rollups = await stores.sliData.readRollups(0, currentHour, [
      definition.sloKey,
    ]);
    const minutes = await stores.sliData.readMinuteBuckets(0, now, [
      definition.sloKey,
    ]);
    const expected = evaluateSlo(
      definition.definition,
      {
        rollups: rollups.map(({ sloKey: _k, hourStart, ...counts }) => ({
          start: hourStart,
          ...counts,
        })),
        minutes: minutes.map(m => ({
          start: m.bucketStart,
          good: m.good,
          total: m.total,
        })),
      },
      now,
    );
    const actual = statuses.get(definition.sloKey)?.evaluation;
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      throw new Error(
        `cold cycle status of ${definition.id} differs from the engine on all hourly rollups`,
      );
    }
  }
}

async function getEntity(baseUrl: string, index: number) {
  const res = await fetch(
    `${baseUrl}/v1/entities/component/default/svc-${index}`,
    {
      headers: { Authorization: mockCredentials.user.header() },
    },
  );
  if (!res.ok)
    throw new Error(`entity read failed: ${res.status} ${await res.text()}`);
  const body = await res.json();
  if (body.slos.length !== 5 || !body.slos[0].status)
    throw new Error('entity read returned no statuses');
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-backend-bench-'));
  try {
    report(`SLO Kit backend benchmarks, ${new Date().toISOString()}`);
    report(
      `node ${process.version}, ${os.cpus().length} CPU(s) ${
        os.cpus()[0]?.model ?? ''
      }`,
    );
    report('');
    if (process.env.SLO_BENCH_SECTION === 'gate') {
      // A partial run leaves the results file of the full run alone.
      await benchGateAlone(dir, Number(process.env.SLO_BENCH_SLOS ?? 5_000));
      return;
    }
    await benchIngestion(dir);
    await benchEvaluationAndReads(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
  fs.writeFileSync(RESULTS, `${lines.join('\n')}\n`);
  process.stdout.write(`\nwrote ${RESULTS}\n`);
}

main().then(
  () => process.exit(0),
  error => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  },
);
