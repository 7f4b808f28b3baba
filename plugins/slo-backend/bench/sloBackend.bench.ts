/*
 * Benchmarks of the SLO Kit backend on SQLite (better-sqlite3, file on disk)
 * or PostgreSQL:
 *  (a) ingestion over HTTP against the real plugin in 10,000-point batches,
 *      beside the raw upsert rate of the same rows (better-sqlite3 prepared
 *      upsert on SQLite; multi-row INSERT ... ON CONFLICT DO UPDATE through
 *      the pg driver on PostgreSQL, into the store's own table);
 *  (b) evaluation cycles for N SLOs with 30 days of data: cold (cache
 *      rebuilt from the database) and after one new minute for every SLO;
 *  (c) latency of GET /v1/entities/{kind}/{namespace}/{name} with N SLOs;
 *  (d) latency of the release gate's GET /v1/gate/{kind}/{namespace}/{name}
 *      with the same N SLOs.
 *
 * The database is chosen with `--db sqlite|postgres` (or `SLO_BENCH_DB`).
 * SQLite runs N = 5,000 and writes bench-results/slo-backend.txt.
 * PostgreSQL needs `SLO_BENCH_PG_URL` (a connection string of a user that
 * may create databases; `yarn bench` at the repository root starts a
 * throwaway cluster for it), runs every N of `SLO_BENCH_SLOS` (default
 * 5000,20000), each section in a fresh database that is dropped afterwards,
 * and writes bench-results/slo-backend-postgres.txt with a table of how each
 * figure grows from the first N to the last.
 * `SLO_BENCH_KEEP_DATABASES=1` keeps the PostgreSQL databases (to look into
 * a figure with EXPLAIN ANALYZE); drop them by hand afterwards.
 * `SLO_BENCH_SECTION=gate` runs only (d), on a quick seed of status rows
 * (`SLO_BENCH_SLOS`, default 5,000) instead of the evaluated data;
 * `SLO_BENCH_SECTION=ingestion` runs only (a) and `evaluation` only (b) to
 * (d). A partial run leaves the results files alone.
 *
 * Run with: yarn workspace @slo-kit/plugin-slo-backend bench (both engines),
 * bench:sqlite or bench:postgres.
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
import { randomBytes } from 'node:crypto';
import {
  sloDefinition as occurrencesSlo,
  openSloYaml,
} from '@slo-kit/plugin-slo-common/testUtils';
import { SloStores, createSloStores } from '../src/database/SloStores';
import { HOUR_ROLLUP_UPSERT, MINUTE_BUCKETS } from '../src/database/sliTables';
import { chunk } from '../src/database/sql/batchSizes';
import { SloEvaluator } from '../src/service/evaluation/SloEvaluator';
import { statusRowOf } from '../src/service/evaluation/statusRow';
import { sloPlugin } from '../src/plugin';

// startTestBackend registers cleanup hooks when a test runner is present.
(globalThis as any).afterAll ??= () => {};
(globalThis as any).afterEach ??= () => {};

type Engine = 'sqlite' | 'postgres';

const RESULTS: Record<Engine, string> = {
  sqlite: path.resolve(__dirname, '../../../bench-results/slo-backend.txt'),
  postgres: path.resolve(
    __dirname,
    '../../../bench-results/slo-backend-postgres.txt',
  ),
};
const lines: string[] = [];

function report(line: string) {
  lines.push(line);
  process.stdout.write(`${line}\n`);
}

/** The machine's load, printed beside each section: the machine may be shared. */
function reportLoad() {
  const [one, five, fifteen] = os.loadavg();
  report(
    `    load average at the end of this section: ${one.toFixed(
      2,
    )} / ${five.toFixed(2)} / ${fifteen.toFixed(2)} (1 / 5 / 15 min, ${
      os.cpus().length
    } CPUs)`,
  );
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** Where the sections keep their data: one fresh database per section. */
interface BenchDatabase {
  engine: Engine;
  /** How the report names the database, e.g. "SQLite file". */
  label: string;
  /** A fresh, empty database for `section`. */
  open(section: string): Promise<Knex>;
  /** Closes a database `open` returned, and deletes it where that is cheap. */
  discard(knex: Knex): Promise<void>;
  /** Discards every database still open. */
  close(): Promise<void>;
}

function sqliteKnex(file: string): Knex {
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
  });
}

/** SQLite files in `dir` (removed with it at the end). */
function sqliteDatabase(dir: string): BenchDatabase {
  const open = new Set<Knex>();
  return {
    engine: 'sqlite',
    label: 'SQLite file',
    async open(section) {
      const knex = sqliteKnex(path.join(dir, `${section}.sqlite`));
      open.add(knex);
      return knex;
    },
    async discard(knex) {
      open.delete(knex);
      await knex.destroy();
    },
    async close() {
      for (const knex of [...open]) await this.discard(knex);
    },
  };
}

/** `url` with its database replaced by `database`. */
function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * Databases created on the PostgreSQL server `url` points at, each with a
 * name unique to this run, dropped when discarded.
 */
async function postgresDatabase(
  url: string,
): Promise<BenchDatabase & { version: string; settings: string }> {
  const admin = knexFactory({
    client: 'pg',
    connection: url,
    pool: { min: 0, max: 1 },
  });
  const version: string = (await admin.raw('show server_version')).rows[0]
    .server_version;
  const settings = (
    await admin.raw(
      `select name, setting, unit from pg_settings
       where name in ('shared_buffers', 'work_mem', 'fsync', 'synchronous_commit', 'max_connections')
       order by name`,
    )
  ).rows
    .map(
      (r: any) =>
        `${r.name}=${r.setting}${
          r.unit && r.unit !== '' ? ` (${r.unit})` : ''
        }`,
    )
    .join(', ');
  const run = `slo_bench_${Date.now().toString(36)}_${randomBytes(3).toString(
    'hex',
  )}`;
  const open = new Map<Knex, string>();
  return {
    engine: 'postgres',
    label: `PostgreSQL ${version.split(/[ .]/)[0]}`,
    version,
    settings,
    async open(section) {
      const name = `${run}_${section}`;
      await admin.raw('create database ??', [name]);
      const knex = knexFactory({
        client: 'pg',
        connection: withDatabase(url, name),
      });
      open.set(knex, name);
      return knex;
    },
    async discard(knex) {
      const name = open.get(knex);
      open.delete(knex);
      await knex.destroy();
      if (!name) return;
      if (process.env.SLO_BENCH_KEEP_DATABASES) {
        process.stdout.write(`kept database ${name}\n`);
      } else {
        await admin.raw('drop database if exists ?? with (force)', [name]);
      }
    },
    async close() {
      try {
        for (const knex of [...open.keys()]) await this.discard(knex);
      } finally {
        await admin.destroy();
      }
    },
  };
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

/**
 * Rows per statement of the raw PostgreSQL upsert: a whole 10,000-point batch
 * in one statement (40,000 parameters, below PostgreSQL's 65,535).
 */
const RAW_PG_ROWS_PER_STATEMENT = 10_000;

async function benchIngestion(db: BenchDatabase, dir: string) {
  const SLOS = 100;
  const BATCHES = 30;
  const BATCH = 10_000;
  const knex = await db.open('ingest');
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

  let rawSeconds: number;
  let rawLabel: string;
  if (db.engine === 'sqlite') {
    await db.discard(knex);
    rawSeconds = rawSqliteUpsert(path.join(dir, 'raw.sqlite'), batches);
    rawLabel = 'raw better-sqlite3 upsert, same rows';
  } else {
    rawSeconds = await rawPostgresUpsert(knex, batches);
    await db.discard(knex);
    rawLabel = `raw multi-row INSERT ... ON CONFLICT DO UPDATE through the pg driver (no COPY: pg-copy-streams is not a dependency), same rows into the same table after emptying it, same warm-up, ${count(
      RAW_PG_ROWS_PER_STATEMENT,
    )} rows per statement, one transaction per batch`;
  }
  const rawRate = (BATCHES * BATCH) / rawSeconds;

  report(
    `(a) ingestion, ${db.label}, HTTP POST /api/slo/v1/sli, 10,000-point batches`,
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
    `    ${rawLabel}: ${Math.round(rawRate)} points/s (${rawSeconds.toFixed(
      2,
    )} s)`,
  );
  report(
    `    HTTP / raw: ${((100 * httpRate) / rawRate).toFixed(
      1,
    )}%   target >= 25%`,
  );
  reportLoad();
  return { httpRate, rawRate };
}

/**
 * Raw better-sqlite3: the same rows, same table shape, prepared upsert in one
 * transaction per batch. Returns the seconds the batches took.
 */
function rawSqliteUpsert(
  file: string,
  batches: Array<{ rows: number[][] }>,
): number {
  const raw = new Database(file);
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
  const seconds = (performance.now() - t1) / 1000;
  raw.close();
  return seconds;
}

/**
 * Raw PostgreSQL: the store's own minute table, emptied, then the rows the
 * HTTP run wrote (warm-up batch first, not counted, so the counted run
 * replays it like the HTTP run does) with multi-row upserts of the store's
 * conflict semantics, straight on one pg connection, one transaction per
 * batch. Returns the seconds the counted batches took.
 */
async function rawPostgresUpsert(
  knex: Knex,
  batches: Array<{ rows: number[][] }>,
): Promise<number> {
  await knex.raw('truncate slo_minute_buckets, slo_dirty_hours');
  const texts = new Map<number, string>();
  const textFor = (rows: number) => {
    let text = texts.get(rows);
    if (!text) {
      const tuples = Array.from(
        { length: rows },
        (_, i) =>
          `($${4 * i + 1}, $${4 * i + 2}, $${4 * i + 3}, $${4 * i + 4})`,
      );
      text = `insert into slo_minute_buckets (slo_key, bucket_start, good, total) values ${tuples.join(
        ', ',
      )} on conflict (slo_key, bucket_start) do update set good = excluded.good, total = excluded.total`;
      texts.set(rows, text);
    }
    return text;
  };
  const connection: any = await knex.client.acquireConnection();
  try {
    const writeBatch = async (rows: number[][]) => {
      await connection.query('begin');
      for (const part of chunk(rows, RAW_PG_ROWS_PER_STATEMENT)) {
        await connection.query(textFor(part.length), part.flat());
      }
      await connection.query('commit');
    };
    await writeBatch(batches[0].rows);
    const t = performance.now();
    for (const batch of batches) await writeBatch(batch.rows);
    return (performance.now() - t) / 1000;
  } finally {
    await knex.client.releaseConnection(connection);
  }
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

/** Figures of sections (b) to (d) for one SLO count. */
interface SizeFigures {
  slos: number;
  seedSeconds: number;
  fullSeconds: number;
  incrementalSeconds: number;
  idleSeconds: number;
  entityP95Ms: number;
  gateP95Ms: number;
}

const PATTERNS = 20;

/** The minute of traffic pattern `pattern` at `t`: a daily wave, a bad minute now and then. */
function minuteOf(pattern: number, t: number): MinuteBucket {
  const hourOfDay = Math.floor((t % DAY_MS) / HOUR_MS);
  const total =
    500 + 300 * Math.sin((hourOfDay / 24) * 2 * Math.PI) + pattern * 10;
  const bad = (t / MINUTE_MS + pattern) % 97 === 0 ? 40 : pattern % 3;
  return {
    start: t,
    good: Math.round(total) - bad,
    total: Math.round(total),
  };
}

/** What is seeded for every SLO: SLO `key` follows pattern `key % PATTERNS`. */
interface SeedData {
  /** Per hour (31 days up to the current hour), the rollup of each pattern. */
  hours: Array<{
    hour: number;
    perPattern: ReturnType<typeof computeHourRollup>[];
  }>;
  /** The hours the evaluator reads minute by minute, and the last minute written. */
  minuteHours: number[];
  lastMinute: number;
}

function seedDataAt(now: number): SeedData {
  const slo = occurrencesSlo('x');
  const currentHour = floorToHour(now);
  const firstHour = currentHour - 31 * DAY_MS;
  const hours: SeedData['hours'] = [];
  for (let hour = firstHour; hour < currentHour; hour += HOUR_MS) {
    const perPattern = [];
    for (let p = 0; p < PATTERNS; p++) {
      const minutes = [];
      for (let m = 0; m < 60; m++)
        minutes.push(minuteOf(p, hour + m * MINUTE_MS));
      perPattern.push(computeHourRollup(slo, hour, minutes));
    }
    hours.push({ hour, perPattern });
  }
  // The hours holding a burn-rate window's start: now, 1h, 2h, 6h, 1d and 3d back.
  const minuteHours = [
    ...new Set(
      burnWindowEdgeOffsetsMs().map(o => floorToHour(currentHour - o)),
    ),
  ];
  return {
    hours,
    minuteHours,
    lastMinute: now - (now % MINUTE_MS) - MINUTE_MS,
  };
}

/** The minutes of `hour` before the last minute written. */
function* seededMinutes(hour: number, lastMinute: number) {
  for (let t = hour; t < hour + HOUR_MS && t < lastMinute; t += MINUTE_MS) {
    yield t;
  }
}

/**
 * SQLite: the data written around the store with prepared inserts, one
 * transaction per hour. Returns the row counts.
 */
function seedSqliteData(file: string, slos: number, seed: SeedData) {
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
  const writeRollupHour = db.transaction(
    (hour: number, perPattern: ReturnType<typeof computeHourRollup>[]) => {
      for (let key = 1; key <= slos; key++) {
        const r = perPattern[key % PATTERNS];
        insertRollup.run(
          ...HOUR_ROLLUP_UPSERT.values({ ...r, sloKey: key, hourStart: hour }),
        );
      }
      return slos;
    },
  );
  const writeMinuteHour = db.transaction((hour: number) => {
    let written = 0;
    for (let key = 1; key <= slos; key++) {
      for (const t of seededMinutes(hour, seed.lastMinute)) {
        const b = minuteOf(key % PATTERNS, t);
        insertMinute.run(key, t, b.good, b.total);
        written++;
      }
    }
    return written;
  });
  let rollupRows = 0;
  let minuteRows = 0;
  for (const { hour, perPattern } of seed.hours) {
    rollupRows += writeRollupHour(hour, perPattern);
  }
  for (const hour of seed.minuteHours) {
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
  return { rollupRows, minuteRows, dayRows, note: '' };
}

/**
 * PostgreSQL: the data generated server-side. The rollups and minutes of the
 * 20 patterns go into temporary tables; `INSERT ... SELECT` over
 * `generate_series` of the SLO keys expands them to every SLO, in the order
 * the evaluator writes them (hour by hour, minute by minute). Daily rollups
 * are the sums of each pattern's hours per UTC day, the values the store
 * computes. Then VACUUM ANALYZE, as autovacuum would after such a load.
 */
async function seedPostgresData(knex: Knex, slos: number, seed: SeedData) {
  const sums = HOUR_ROLLUP_UPSERT.columns.slice(2);
  const dayStart = `hour_start - (hour_start % ${DAY_MS})`;
  const counts = await knex.transaction(async tx => {
    await tx.raw(
      `create temporary table bench_rollup_patterns (pattern integer not null, hour_start bigint not null, good double precision not null, total double precision not null, minutes_with_data integer not null, slices_with_data integer not null, good_slices integer not null, slice_ratio_sum double precision not null) on commit drop`,
    );
    await tx.raw(
      'create temporary table bench_minute_patterns (pattern integer not null, bucket_start bigint not null, good double precision not null, total double precision not null) on commit drop',
    );
    const rollupPatterns = seed.hours.flatMap(({ hour, perPattern }) =>
      perPattern.map((r, pattern) => {
        const values = HOUR_ROLLUP_UPSERT.values({
          ...r,
          sloKey: 0,
          hourStart: hour,
        }).slice(2);
        return {
          pattern,
          hour_start: hour,
          ...Object.fromEntries(sums.map((c, i) => [c, values[i]])),
        };
      }),
    );
    for (const part of chunk(rollupPatterns, 1000)) {
      await tx('bench_rollup_patterns').insert(part);
    }
    const minutePatterns = [];
    for (const hour of seed.minuteHours) {
      for (const t of seededMinutes(hour, seed.lastMinute)) {
        for (let pattern = 0; pattern < PATTERNS; pattern++) {
          const b = minuteOf(pattern, t);
          minutePatterns.push({
            pattern,
            bucket_start: t,
            good: b.good,
            total: b.total,
          });
        }
      }
    }
    for (const part of chunk(minutePatterns, 1000)) {
      await tx('bench_minute_patterns').insert(part);
    }
    const rollupRows = (
      await tx.raw(
        `insert into slo_hour_rollups (slo_key, hour_start, ${sums.join(', ')})
         select k.slo_key, p.hour_start, ${sums.map(c => `p.${c}`).join(', ')}
         from generate_series(1, ?) as k(slo_key)
         join bench_rollup_patterns p on p.pattern = k.slo_key % ?
         order by p.hour_start, k.slo_key`,
        [slos, PATTERNS],
      )
    ).rowCount;
    const dayRows = (
      await tx.raw(
        `insert into slo_day_rollups (slo_key, day_start, ${sums.join(', ')})
         select k.slo_key, d.day_start, ${sums.map(c => `d.${c}`).join(', ')}
         from generate_series(1, ?) as k(slo_key)
         join (
           select pattern, ${dayStart} as day_start, ${sums
          .map(c => `sum(${c}) as ${c}`)
          .join(', ')}
           from bench_rollup_patterns group by pattern, ${dayStart}
         ) d on d.pattern = k.slo_key % ?
         order by d.day_start, k.slo_key`,
        [slos, PATTERNS],
      )
    ).rowCount;
    const minuteRows = (
      await tx.raw(
        `insert into ${MINUTE_BUCKETS.name} (${MINUTE_BUCKETS.columns.join(
          ', ',
        )})
         select k.slo_key, m.bucket_start, m.good, m.total
         from generate_series(1, ?) as k(slo_key)
         join bench_minute_patterns m on m.pattern = k.slo_key % ?
         order by m.bucket_start, k.slo_key`,
        [slos, PATTERNS],
      )
    ).rowCount;
    return { rollupRows, dayRows, minuteRows };
  });
  const t = performance.now();
  await knex.raw(
    'vacuum analyze slo_definitions, slo_hour_rollups, slo_day_rollups, slo_minute_buckets',
  );
  const vacuumSeconds = (performance.now() - t) / 1000;
  return {
    ...counts,
    note: `; data generated server-side with INSERT ... SELECT generate_series, then VACUUM ANALYZE (${vacuumSeconds.toFixed(
      1,
    )} s of it)`,
  };
}

async function benchEvaluationAndReads(
  db: BenchDatabase,
  SLOS: number,
): Promise<SizeFigures> {
  const PER_ENTITY = 5;
  const knex = await db.open(`eval_${SLOS}`);
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
  const definitionSeconds = (performance.now() - seedStart) / 1000;

  // 30 days of data per SLO: hourly rollups computed by the engine from minute
  // series (20 traffic patterns), plus the minutes of the hours the evaluator
  // reads minute by minute. Older minutes are past the 4-day minute retention
  // in production and never read by the evaluator.
  const seed = seedDataAt(now);
  const seeded =
    db.engine === 'sqlite'
      ? seedSqliteData(knex.client.config.connection.filename, SLOS, seed)
      : await seedPostgresData(knex, SLOS, seed);
  const seedSeconds = (performance.now() - seedStart) / 1000;

  const evaluator = new SloEvaluator({
    ...stores,
    logger: silentLogger,
    minuteRetentionMs: 4 * DAY_MS,
  });
  const cold = await evaluator.runCycle(now);
  await checkAgainstHourlyRollups(stores, now);
  // One new minute for every SLO, written like ingestion writes it.
  const lastMinute = seed.lastMinute;
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
    `(b) evaluation cycle, ${db.label}, ${count(
      SLOS,
    )} SLOs (rolling 30d, Occurrences)`,
  );
  report(
    `    seeded ${seeded.rollupRows} hourly rollups (31 days, summed into ${
      seeded.dayRows
    } daily rollups) + ${
      seeded.minuteRows
    } minute buckets in ${seedSeconds.toFixed(
      1,
    )} s (definitions through the store: ${definitionSeconds.toFixed(1)} s${
      seeded.note
    })`,
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
  reportLoad();

  // (c) entity reads with N SLOs and their statuses in the database.
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
    `(c) GET /api/slo/v1/entities/component/default/{name}, ${count(
      SLOS,
    )} SLOs loaded (5 per entity), 500 sequential requests`,
  );
  report(
    `    p50 ${percentile(samples, 50).toFixed(1)} ms, p95 ${percentile(
      samples,
      95,
    ).toFixed(1)} ms, p99 ${percentile(samples, 99).toFixed(
      1,
    )} ms   target p95 <= 50 ms`,
  );
  reportLoad();
  const gateP95Ms = await measureGateLatency(baseUrl, entities.length, SLOS);
  await backend.stop();
  await db.discard(knex);
  return {
    slos: SLOS,
    seedSeconds,
    fullSeconds: cold.durationMs / 1000,
    incrementalSeconds: incremental.durationMs / 1000,
    idleSeconds: idle.durationMs / 1000,
    entityP95Ms: percentile(samples, 95),
    gateP95Ms,
  };
}

/** (d) GET gate latency: a warm-up, then 500 sequential requests over the entities; returns p95 in ms. */
async function measureGateLatency(
  baseUrl: string,
  entityCount: number,
  sloCount: number,
): Promise<number> {
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
    `(d) GET /api/slo/v1/gate/component/default/{name}, ${count(
      sloCount,
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
  reportLoad();
  return percentile(samples, 95);
}

/**
 * How each figure grows from the first SLO count to the last: the ratio of
 * the two, and for figures over every SLO (seeding, cycles) the cost per SLO.
 * Linear growth has a ratio equal to the ratio of the SLO counts; a
 * per-request latency ideally does not grow at all.
 */
function reportGrowth(figures: SizeFigures[]) {
  if (figures.length < 2) return;
  const first = figures[0];
  const last = figures[figures.length - 1];
  const scale = last.slos / first.slos;
  const rows: Array<[string, keyof SizeFigures, 's' | 'ms', boolean]> = [
    ['seeding', 'seedSeconds', 's', true],
    ['full cycle (cold)', 'fullSeconds', 's', true],
    ['incremental cycle', 'incrementalSeconds', 's', true],
    ['cycle with no new data', 'idleSeconds', 's', true],
    ['entity API p95', 'entityP95Ms', 'ms', false],
    ['gate decision p95', 'gateP95Ms', 'ms', false],
  ];
  const pad = (text: string, width: number) => text.padEnd(width);
  const lpad = (text: string, width: number) => text.padStart(width);
  report('');
  report(
    `growth ${count(first.slos)} -> ${count(last.slos)} SLOs (x${scale.toFixed(
      2,
    )}): ratio = figure at ${count(last.slos)} / figure at ${count(
      first.slos,
    )}; linear growth is ${scale.toFixed(
      2,
    )} for figures over all SLOs, 1.00 for per-request latencies`,
  );
  report(
    `    ${pad('figure', 24)}${lpad(count(first.slos), 12)}${lpad(
      count(last.slos),
      12,
    )}${lpad('ratio', 8)}   per-SLO cost ${count(first.slos)} -> ${count(
      last.slos,
    )}`,
  );
  for (const [name, key, unit, perSlo] of rows) {
    const a = first[key];
    const b = last[key];
    const digits = unit === 's' ? 2 : 1;
    const cost = (value: number, slos: number) =>
      unit === 's'
        ? `${((value * 1e6) / slos).toFixed(0)} µs`
        : `${((value * 1e3) / slos).toFixed(2)} µs`;
    report(
      `    ${pad(name, 24)}${lpad(`${a.toFixed(digits)} ${unit}`, 12)}${lpad(
        `${b.toFixed(digits)} ${unit}`,
        12,
      )}${lpad((b / a).toFixed(2), 8)}   ${
        perSlo
          ? `${cost(a, first.slos)} -> ${cost(b, last.slos)}`
          : 'n/a (one request reads one entity: 5 SLOs)'
      }`,
    );
  }
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
async function benchGateAlone(db: BenchDatabase, sloCount: number) {
  const PER_ENTITY = 5;
  const knex = await db.open(`gate_${sloCount}`);
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
  await db.discard(knex);
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

/** The engine named by `--db <engine>`, `--db=<engine>` or SLO_BENCH_DB; SQLite by default. */
function engineOf(argv: string[]): Engine {
  let value = process.env.SLO_BENCH_DB ?? 'sqlite';
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--db') value = argv[i + 1] ?? '';
    else if (argv[i].startsWith('--db=')) value = argv[i].slice(5);
  }
  if (value !== 'sqlite' && value !== 'postgres') {
    throw new Error(
      `--db (or SLO_BENCH_DB) must be sqlite or postgres, got "${value}"`,
    );
  }
  return value;
}

/** The SLO counts of SLO_BENCH_SLOS (comma-separated), or `fallback`. */
function sloCountsOf(fallback: number[]): number[] {
  const text = process.env.SLO_BENCH_SLOS;
  if (!text) return fallback;
  const counts = text.split(',').map(part => Number(part.trim()));
  if (counts.some(n => !Number.isInteger(n) || n < 5 || n % 5 !== 0)) {
    throw new Error(
      `SLO_BENCH_SLOS must be whole numbers of SLOs, multiples of 5 (5 per entity), separated by commas, got "${text}"`,
    );
  }
  return counts;
}

async function main() {
  const engine = engineOf(process.argv.slice(2));
  const sizes = sloCountsOf(engine === 'sqlite' ? [5_000] : [5_000, 20_000]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-backend-bench-'));
  let db: BenchDatabase | undefined;
  try {
    report(`SLO Kit backend benchmarks, ${new Date().toISOString()}`);
    report(
      `node ${process.version}, ${os.cpus().length} CPU(s) ${
        os.cpus()[0]?.model ?? ''
      }`,
    );
    if (engine === 'postgres') {
      const url = process.env.SLO_BENCH_PG_URL;
      if (!url) {
        throw new Error(
          'SLO_BENCH_PG_URL must be a PostgreSQL connection string (of a user that may create databases) for --db postgres; `yarn bench` at the repository root starts a throwaway cluster and sets it',
        );
      }
      const pg = await postgresDatabase(url);
      db = pg;
      report(
        `PostgreSQL ${pg.version} (${pg.settings}); every section in a fresh database, dropped afterwards`,
      );
    } else {
      db = sqliteDatabase(dir);
    }
    const [one, five, fifteen] = os.loadavg();
    report(
      `load average at the start: ${one.toFixed(2)} / ${five.toFixed(
        2,
      )} / ${fifteen.toFixed(2)} (1 / 5 / 15 min)`,
    );
    report('');
    // A partial run leaves the results file of the full run alone.
    const section = process.env.SLO_BENCH_SECTION;
    if (section === 'gate') {
      for (const size of sizes) await benchGateAlone(db, size);
      return;
    }
    if (section === 'ingestion') {
      await benchIngestion(db, dir);
      return;
    }
    if (section === 'evaluation') {
      for (const size of sizes) await benchEvaluationAndReads(db, size);
      return;
    }
    if (section !== undefined && section !== '') {
      throw new Error(
        `SLO_BENCH_SECTION must be ingestion, evaluation or gate (or unset for every section), got "${section}"`,
      );
    }
    await benchIngestion(db, dir);
    const figures: SizeFigures[] = [];
    for (const size of sizes) {
      figures.push(await benchEvaluationAndReads(db, size));
    }
    if (engine === 'postgres') {
      report('');
      report(
        '(a) writes 300,000 points of 100 SLOs whatever the SLO count, so it is measured once.',
      );
    }
    reportGrowth(figures);
  } finally {
    await db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const results = RESULTS[engine];
  fs.mkdirSync(path.dirname(results), { recursive: true });
  fs.writeFileSync(results, `${lines.join('\n')}\n`);
  process.stdout.write(`\nwrote ${results}\n`);
}

main().then(
  () => process.exit(0),
  error => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  },
);
