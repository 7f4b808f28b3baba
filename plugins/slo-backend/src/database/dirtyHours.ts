import { HOUR_MS } from '@slo-kit/plugin-slo-common';
import type { DirtyHour, MinuteBucketRow } from '@slo-kit/plugin-slo-node';
import { Knex } from 'knex';
import { toNumber } from './sql/columnValues';
import { sqlDialectOf } from './sql/dialect';
import { UpsertStatement, upsertRows } from './sql/upsert';

/**
 * The dirty mark of an hour: on conflict it widens the stored range of
 * written minutes and takes the new token, so a reader that saw the old
 * token does not clear the new write's mark.
 */
function dirtyHourUpsert(db: Knex): UpsertStatement<DirtyHour> {
  const { least, greatest } = sqlDialectOf(db);
  return {
    table: 'slo_dirty_hours',
    columns: ['slo_key', 'hour_start', 'first_bucket', 'last_bucket', 'token'],
    postgresTypes: ['integer', 'bigint', 'bigint', 'bigint', 'text'],
    conflictColumns: ['slo_key', 'hour_start'],
    onConflictSet: [
      `first_bucket = ${least}(slo_dirty_hours.first_bucket, excluded.first_bucket)`,
      `last_bucket = ${greatest}(slo_dirty_hours.last_bucket, excluded.last_bucket)`,
      'token = excluded.token',
    ].join(', '),
    values: d => [d.sloKey, d.hourStart, d.firstBucket, d.lastBucket, d.token],
  };
}

/** Marks the given hours dirty (or widens their marks), in the given order. */
export async function upsertDirtyHours(
  tx: Knex.Transaction,
  dirty: DirtyHour[],
): Promise<void> {
  await upsertRows(tx, dirtyHourUpsert(tx), dirty);
}

/**
 * The dirty marks of the hours `rows` fall in, one per SLO and hour, all
 * carrying `token`. `rows` must be sorted by SLO and minute.
 */
export function dirtyHoursOf(
  rows: MinuteBucketRow[],
  token: string,
): DirtyHour[] {
  const dirty: DirtyHour[] = [];
  for (const row of rows) {
    const hourStart = row.bucketStart - (row.bucketStart % HOUR_MS);
    const last = dirty[dirty.length - 1];
    if (last && last.sloKey === row.sloKey && last.hourStart === hourStart) {
      last.lastBucket = row.bucketStart;
    } else {
      dirty.push({
        sloKey: row.sloKey,
        hourStart,
        firstBucket: row.bucketStart,
        lastBucket: row.bucketStart,
        token,
      });
    }
  }
  return dirty;
}

/** Marks every hour that has minute data of one SLO dirty (after a definition change). */
export async function markAllHoursDirty(
  tx: Knex.Transaction,
  sloKey: number,
  token: string,
): Promise<void> {
  const rows = await tx('slo_minute_buckets')
    .where({ slo_key: sloKey })
    .select(
      tx.raw('bucket_start - (bucket_start % ?) as hour_start', [HOUR_MS]),
    )
    .min({ first_bucket: 'bucket_start' })
    .max({ last_bucket: 'bucket_start' })
    .groupBy('hour_start')
    .orderBy('hour_start');
  await upsertDirtyHours(
    tx,
    rows.map((row: any) => ({
      sloKey,
      hourStart: toNumber(row.hour_start),
      firstBucket: toNumber(row.first_bucket),
      lastBucket: toNumber(row.last_bucket),
      token,
    })),
  );
}
