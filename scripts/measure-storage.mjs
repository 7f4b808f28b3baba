#!/usr/bin/env node
// Storage per SLO for docs/install.md's sizing table: applies the backend's
// migrations to a fresh database, writes data for a number of SLOs (a day of
// minute buckets, a week of hourly rollups, 100 days of daily rollups each) and
// reports bytes per row (tables with their indexes) and per SLO and day at one
// SLI point per minute.
//
//   node scripts/measure-storage.mjs                    SQLite (a temp file)
//   node scripts/measure-storage.mjs postgresql://...   PostgreSQL (creates and drops
//                                                       a database slo_storage_<pid>)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const knexFactory = require('knex');
const repo = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  '..',
);
const migrations = path.join(repo, 'plugins/slo-backend/migrations');
const SLOS = 200;
const DAY_MS = 86_400_000;
const start = Date.UTC(2026, 0, 5);
const tables = ['slo_minute_buckets', 'slo_hour_rollups', 'slo_day_rollups'];
// Rows written per SLO, and rows per SLO and day at one point a minute.
const ROWS = {
  slo_minute_buckets: 1440,
  slo_hour_rollups: 24 * 7,
  slo_day_rollups: 100,
};
const ROWS_PER_DAY = {
  slo_minute_buckets: 1440,
  slo_hour_rollups: 24,
  slo_day_rollups: 1,
};

async function fill(db) {
  await db.migrate.latest({
    directory: migrations,
    tableName: 'slo_knex_migrations',
  });
  for (let slo = 1; slo <= SLOS; slo++) {
    const minutes = [];
    for (let m = 0; m < ROWS.slo_minute_buckets; m++) {
      // Realistic counts: a few hundred requests a minute, a few failing.
      const total = 300 + ((slo * 7 + m * 13) % 200);
      minutes.push({
        slo_key: slo,
        bucket_start: start + m * 60_000,
        good: total - (m % 5),
        total,
      });
    }
    const hours = [];
    for (let h = 0; h < ROWS.slo_hour_rollups; h++) {
      hours.push({
        slo_key: slo,
        hour_start: start + h * 3_600_000,
        good: 23_456.5,
        total: 23_500,
        minutes_with_data: 60,
        slices_with_data: 60,
        good_slices: 59,
        slice_ratio_sum: 59.87,
      });
    }
    await db.transaction(async tx => {
      await tx.batchInsert('slo_minute_buckets', minutes, 500);
      await tx.batchInsert('slo_hour_rollups', hours, 500);
      const { hour_start: _hour, ...day } = hours[0];
      const days = [];
      for (let d = 0; d < ROWS.slo_day_rollups; d++) {
        days.push({ ...day, day_start: start + d * DAY_MS });
      }
      await tx.batchInsert('slo_day_rollups', days, 500);
    });
  }
}

async function sqliteSizes() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'slo-storage-'));
  const file = path.join(dir, 'slo.sqlite');
  const db = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
  });
  try {
    await fill(db);
    await db.raw('VACUUM');
    const sizes = {};
    for (const table of tables) {
      // dbstat: bytes of every page of the table and of its indexes.
      const indexes = (
        await db.raw(
          `select name from sqlite_master where type = 'index' and tbl_name = ?`,
          [table],
        )
      ).map(r => r.name);
      const names = [table, ...indexes];
      const [row] = await db.raw(
        `select sum(pgsize) as bytes from dbstat where name in (${names
          .map(() => '?')
          .join(',')})`,
        names,
      );
      sizes[table] = Number(row.bytes);
    }
    return sizes;
  } finally {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function postgresSizes(url) {
  const name = `slo_storage_${process.pid}`;
  const admin = knexFactory({ client: 'pg', connection: url });
  await admin.raw(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = knexFactory({ client: 'pg', connection: target.toString() });
  try {
    await fill(db);
    await db.raw('VACUUM ANALYZE');
    const sizes = {};
    for (const table of tables) {
      const { rows } = await db.raw(
        'select pg_total_relation_size(?) as bytes',
        [table],
      );
      sizes[table] = Number(rows[0].bytes);
    }
    return sizes;
  } finally {
    await db.destroy();
    await admin.raw(`drop database if exists ${name}`);
    await admin.destroy();
  }
}

const url = process.argv[2];
const sizes = url ? await postgresSizes(url) : await sqliteSizes();
console.log(`${url ? 'PostgreSQL' : 'SQLite'}: ${SLOS} SLOs`);
for (const table of tables) {
  const perRow = sizes[table] / (SLOS * ROWS[table]);
  console.log(
    `${table.padEnd(20)} ${perRow.toFixed(0).padStart(4)} bytes/row  ${String(
      ROWS_PER_DAY[table],
    ).padStart(5)} rows/SLO/day  ${((perRow * ROWS_PER_DAY[table]) / 1024)
      .toFixed(2)
      .padStart(7)} KiB/SLO/day`,
  );
}
