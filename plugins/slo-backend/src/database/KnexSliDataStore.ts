import { DAY_MS, HOUR_MS, type MinuteBucket } from '@slo-kit/plugin-slo-common';
import type {
  DirtyHour,
  HourRollupRow,
  MinuteBucketRow,
  RollupGranularity,
  RollupSpan,
  SliDataStore,
} from '@slo-kit/plugin-slo-node';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { dirtyHoursOf, upsertDirtyHours } from './dirtyHours';
import {
  DAY_ROLLUPS,
  HOUR_ROLLUPS,
  HOUR_ROLLUP_UPSERT,
  MINUTE_BUCKETS,
  MINUTE_BUCKET_UPSERT,
  readTimeRange,
  readTimeRangeBySlo,
  recomputeDayRollups,
  rollupSums,
} from './sliTables';
import { chunk, keysPerStatement } from './sql/batchSizes';
import { toNumber } from './sql/columnValues';
import { sloKeyBatches, whereSloKeyIn } from './sql/sloKeyFilter';
import { UpsertStatement, upsertRows } from './sql/upsert';

/** Parameters of the latest-bucket query besides its `IN` list: `since` and the zero of `total > 0`. */
const LATEST_BUCKET_OTHER_PARAMETERS = 2;

/**
 * Rows sorted by SLO, then by start: concurrent writers lock rows in the same
 * order on PostgreSQL.
 */
function sortBySloAndStart<T extends { sloKey: number }>(
  rows: T[],
  startOf: (row: T) => number,
): T[] {
  return [...rows].sort(
    (a, b) => a.sloKey - b.sloKey || startOf(a) - startOf(b),
  );
}

/** {@link SliDataStore} on knex (SQLite or PostgreSQL). */
export class KnexSliDataStore implements SliDataStore {
  constructor(private readonly db: Knex) {}

  async writeMinuteBuckets(rows: MinuteBucketRow[]): Promise<void> {
    if (rows.length === 0) {
      return;
    }
    const sorted = sortBySloAndStart(rows, row => row.bucketStart);
    const dirty = dirtyHoursOf(sorted, randomUUID());
    await this.upsertThen(MINUTE_BUCKET_UPSERT, sorted, tx =>
      upsertDirtyHours(tx, dirty),
    );
  }

  async readMinuteBuckets(
    from: number,
    to: number,
    sloKeys?: number[],
  ): Promise<MinuteBucketRow[]> {
    const rows = await readTimeRange(
      this.db,
      MINUTE_BUCKETS,
      from,
      to,
      sloKeys,
    );
    return rows.map(
      ([sloKey, bucketStart, good, total]): MinuteBucketRow => ({
        sloKey,
        bucketStart,
        good,
        total,
      }),
    );
  }

  async readMinuteSeries(
    from: number,
    to: number,
    sloKeys: number[],
  ): Promise<Map<number, MinuteBucket[]>> {
    return readTimeRangeBySlo(
      this.db,
      MINUTE_BUCKETS,
      from,
      to,
      sloKeys,
      ([, start, good, total]) => ({ start, good, total }),
      { emptyLists: true },
    );
  }

  async readLatestBucketStarts(
    sloKeys: number[],
    since: number,
  ): Promise<Map<number, number>> {
    const result = new Map<number, number>();
    for (const part of sloKeyBatches(
      this.db,
      sloKeys,
      LATEST_BUCKET_OTHER_PARAMETERS,
    )) {
      const query = this.db('slo_minute_buckets');
      const rows = await whereSloKeyIn(this.db, query, part)
        .andWhere('bucket_start', '>=', since)
        .andWhere('total', '>', 0)
        .groupBy('slo_key')
        .select('slo_key')
        .max({ latest: 'bucket_start' });
      for (const row of rows as any[]) {
        result.set(toNumber(row.slo_key), toNumber(row.latest));
      }
    }
    return result;
  }

  async readDirtyHours(): Promise<DirtyHour[]> {
    const rows = await this.db('slo_dirty_hours')
      .orderBy(['slo_key', 'hour_start'])
      .select();
    return rows.map(row => ({
      sloKey: toNumber(row.slo_key),
      hourStart: toNumber(row.hour_start),
      firstBucket: toNumber(row.first_bucket),
      lastBucket: toNumber(row.last_bucket),
      token: row.token,
    }));
  }

  async clearDirtyHours(dirty: DirtyHour[]): Promise<void> {
    const tokens = [...new Set(dirty.map(d => d.token))];
    for (const part of chunk(tokens, keysPerStatement())) {
      await this.db('slo_dirty_hours').whereIn('token', part).delete();
    }
  }

  async writeRollups(rollups: HourRollupRow[]): Promise<void> {
    if (rollups.length === 0) {
      return;
    }
    const sorted = sortBySloAndStart(rollups, rollup => rollup.hourStart);
    await this.upsertThen(HOUR_ROLLUP_UPSERT, sorted, tx =>
      recomputeDayRollups(tx, sorted),
    );
  }

  async readRollupSpans(
    granularity: RollupGranularity,
    from: number,
    to: number,
    sloKeys: number[],
  ): Promise<Map<number, RollupSpan[]>> {
    const table = granularity === 'day' ? DAY_ROLLUPS : HOUR_ROLLUPS;
    const durationMs = granularity === 'day' ? DAY_MS : HOUR_MS;
    if (to <= from) return new Map();
    return readTimeRangeBySlo(this.db, table, from, to, sloKeys, row => ({
      start: row[1],
      durationMs,
      ...rollupSums(row),
    }));
  }

  async readRollups(
    from: number,
    to: number,
    sloKeys?: number[],
  ): Promise<HourRollupRow[]> {
    const rows = await readTimeRange(this.db, HOUR_ROLLUPS, from, to, sloKeys);
    return rows.map(row => ({
      sloKey: row[0],
      hourStart: row[1],
      ...rollupSums(row),
    }));
  }

  async deleteMinuteBucketsBefore(before: number): Promise<number> {
    return this.db('slo_minute_buckets')
      .where('bucket_start', '<', before)
      .delete();
  }

  async deleteRollupsBefore(before: number): Promise<number> {
    return this.db.transaction(async tx => {
      const deleted = await tx('slo_hour_rollups')
        .where('hour_start', '<', before)
        .delete();
      const cutDay = before - (before % DAY_MS);
      await tx('slo_day_rollups')
        .where('day_start', before === cutDay ? '<' : '<=', cutDay)
        .delete();
      if (before !== cutDay) {
        const kept = await tx('slo_hour_rollups')
          .where('hour_start', '>=', cutDay)
          .andWhere('hour_start', '<', cutDay + DAY_MS)
          .distinct('slo_key');
        await recomputeDayRollups(
          tx,
          kept.map(row => ({
            sloKey: toNumber(row.slo_key),
            hourStart: cutDay,
          })),
        );
      }
      return deleted;
    });
  }

  /** Upserts `rows` and does what keeps derived data in step, in one transaction. */
  private async upsertThen<T>(
    statement: UpsertStatement<T>,
    rows: T[],
    then: (tx: Knex.Transaction) => Promise<unknown>,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      await upsertRows(tx, statement, rows);
      await then(tx);
    });
  }
}
