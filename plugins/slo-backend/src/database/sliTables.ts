import { DAY_MS, type RangeTotals } from '@slo-kit/plugin-slo-common';
import type { HourRollupRow, MinuteBucketRow } from '@slo-kit/plugin-slo-node';
import { Knex } from 'knex';
import { EventLoopSlicer } from '../EventLoopSlicer';
import { chunk } from './sql/batchSizes';
import { selectNumberRows } from './sql/numberRows';
import { isPostgres } from './sql/dialect';
import {
  sloKeyBatches,
  sloKeyCondition,
  whereSloKeyIn,
} from './sql/sloKeyFilter';
import { UpsertStatement, replaceWithExcluded } from './sql/upsert';

/** Columns holding the sums of a rollup, the same in hourly and daily rollups. */
const ROLLUP_SUM_COLUMNS = [
  'good',
  'total',
  'minutes_with_data',
  'slices_with_data',
  'good_slices',
  'slice_ratio_sum',
];

/** A table of SLI data keyed by SLO and the start of a time span. */
export interface TimeKeyedTable {
  name: string;
  startColumn: string;
  /** Every column of a row: the key first, then the values. */
  columns: string[];
}

export const MINUTE_BUCKETS: TimeKeyedTable = {
  name: 'slo_minute_buckets',
  startColumn: 'bucket_start',
  columns: ['slo_key', 'bucket_start', 'good', 'total'],
};
export const HOUR_ROLLUPS: TimeKeyedTable = {
  name: 'slo_hour_rollups',
  startColumn: 'hour_start',
  columns: ['slo_key', 'hour_start', ...ROLLUP_SUM_COLUMNS],
};
export const DAY_ROLLUPS: TimeKeyedTable = {
  name: 'slo_day_rollups',
  startColumn: 'day_start',
  columns: ['slo_key', 'day_start', ...ROLLUP_SUM_COLUMNS],
};

/** Sets a minute bucket (never adds to it). */
export const MINUTE_BUCKET_UPSERT: UpsertStatement<MinuteBucketRow> = {
  table: MINUTE_BUCKETS.name,
  columns: MINUTE_BUCKETS.columns,
  postgresTypes: ['integer', 'bigint', 'double precision', 'double precision'],
  conflictColumns: ['slo_key', 'bucket_start'],
  onConflictSet: replaceWithExcluded(['good', 'total']),
  values: r => [r.sloKey, r.bucketStart, r.good, r.total],
};

/** Sets an hourly rollup's sums (never adds to them). */
export const HOUR_ROLLUP_UPSERT: UpsertStatement<HourRollupRow> = {
  table: HOUR_ROLLUPS.name,
  columns: HOUR_ROLLUPS.columns,
  postgresTypes: [
    'integer',
    'bigint',
    'double precision',
    'double precision',
    'integer',
    'integer',
    'integer',
    'double precision',
  ],
  conflictColumns: ['slo_key', 'hour_start'],
  onConflictSet: replaceWithExcluded(ROLLUP_SUM_COLUMNS),
  values: r => [
    r.sloKey,
    r.hourStart,
    r.good,
    r.total,
    r.minutesWithData,
    r.slicesWithData,
    r.goodSlices,
    r.sliceRatioSum,
  ],
};

/**
 * The sums of an hourly or daily rollup row of a range read (see
 * {@link readTimeRange}): the columns after the key, in
 * {@link ROLLUP_SUM_COLUMNS} order.
 */
export function rollupSums(row: RangeRow): RangeTotals {
  return {
    good: row[2],
    total: row[3],
    minutesWithData: row[4],
    slicesWithData: row[5],
    goodSlices: row[6],
    sliceRatioSum: row[7],
  };
}

/** Parameters of the day-rollup statement besides its `IN` list: the day, twice, and the day's end. */
const DAY_ROLLUP_OTHER_PARAMETERS = 3;

/**
 * Recomputes (never increments) the daily rollups of the UTC days the given
 * hourly rollups fall in, from the hourly rollups stored for those days.
 */
export async function recomputeDayRollups(
  tx: Knex.Transaction,
  hours: Array<{ sloKey: number; hourStart: number }>,
): Promise<void> {
  const keysByDay = new Map<number, Set<number>>();
  for (const { sloKey, hourStart } of hours) {
    const day = hourStart - (hourStart % DAY_MS);
    let keys = keysByDay.get(day);
    if (!keys) {
      keys = new Set();
      keysByDay.set(day, keys);
    }
    keys.add(sloKey);
  }
  const sums = ROLLUP_SUM_COLUMNS.join(', ');
  const totals = ROLLUP_SUM_COLUMNS.map(c => `sum(${c})`).join(', ');
  const replace = replaceWithExcluded(ROLLUP_SUM_COLUMNS);
  const days = [...keysByDay.keys()].sort((a, b) => a - b);
  for (const day of days) {
    const keys = [...keysByDay.get(day)!].sort((a, b) => a - b);
    for (const part of sloKeyBatches(tx, keys, DAY_ROLLUP_OTHER_PARAMETERS)) {
      const keyFilter = sloKeyCondition(tx, part);
      await tx.raw(
        `insert into slo_day_rollups (slo_key, day_start, ${sums})
         select slo_key, ?, ${totals}
         from slo_hour_rollups
         where ${keyFilter.sql} and hour_start >= ? and hour_start < ?
         group by slo_key
         on conflict (slo_key, day_start) do update set ${replace}`,
        [day, ...keyFilter.bindings, day, day + DAY_MS],
      );
    }
  }
}

/** Parameters of a range read besides its `IN` list: the range's two ends. */
const RANGE_READ_OTHER_PARAMETERS = 2;

/**
 * SLO keys per range read grouped by SLO on PostgreSQL. Every such read is
 * planned on the primary key (SLO, start), so its cost follows its rows,
 * and keys taken in ascending order find their rows on few pages (rows of
 * one time span are stored together, SLO after SLO). Measured on the
 * backend bench's 20,000 SLOs: one read of all of them sorted 6.6 million
 * minute rows on disk; a read of 1,000 keys of one edge hour took 24 ms
 * for its 30,000 rows, unsorted. Smaller reads also keep the rows the
 * driver holds at once, and the garbage they leave, small.
 */
export const POSTGRES_KEYS_PER_GROUPED_READ = 1_000;

/** A row of a range read: the table's `columns`, in order, as numbers. */
export type RangeRow = number[];

/**
 * One statement of a range read: rows of a table keyed by SLO and start
 * time with the start in `[from, to)`, of the given SLOs when `keys` is
 * given, ordered by SLO, then start, when `ordered`. With `keyRange`
 * (keys in ascending order), also between the first and the last key: the
 * condition that lets PostgreSQL's planner see that few rows of the primary
 * key qualify, where it would otherwise scan the start index over every
 * SLO's rows of a short range. The rows come as arrays of numbers
 * straight from the driver ({@link selectNumberRows}): on PostgreSQL, a CPU
 * profile of the cold evaluation cycle of 5,000 SLOs spent about a fifth
 * less time taking in its rows than with a keyed object per row and a
 * string per `bigint`.
 */
async function readRangeStatement(
  db: Knex,
  table: TimeKeyedTable,
  from: number,
  to: number,
  keys: number[] | undefined,
  ordered: boolean,
  keyRange: boolean = false,
): Promise<RangeRow[]> {
  const query = db(table.name)
    .where(table.startColumn, '>=', from)
    .andWhere(table.startColumn, '<', to)
    .select(table.columns);
  if (ordered) query.orderBy(['slo_key', table.startColumn]);
  if (keys) whereSloKeyIn(db, query, keys);
  if (keys && keyRange && keys.length > 0) {
    query.whereBetween('slo_key', [keys[0], keys[keys.length - 1]]);
  }
  return selectNumberRows(db, query, table.columns);
}

/**
 * Rows of a table keyed by SLO and start time with the start in
 * `[from, to)`, ordered by SLO, then start; only of the given SLOs when
 * `sloKeys` is given (in {@link sloKeyBatches}).
 */
export async function readTimeRange(
  db: Knex,
  table: TimeKeyedTable,
  from: number,
  to: number,
  sloKeys: number[] | undefined,
): Promise<RangeRow[]> {
  if (!sloKeys) {
    return readRangeStatement(db, table, from, to, undefined, true);
  }
  const rows: RangeRow[] = [];
  for (const part of sloKeyBatches(db, sloKeys, RANGE_READ_OTHER_PARAMETERS)) {
    const batch = await readRangeStatement(db, table, from, to, part, true);
    for (const row of batch) rows.push(row);
  }
  return rows;
}

/**
 * The rows of the given SLOs with the start in `[from, to)`, one list per
 * SLO ordered by start, each row made an item by `toItem`. With
 * `emptyLists`, every SLO gets a list, empty when it has no rows; otherwise
 * only SLOs with rows are in the result.
 *
 * PostgreSQL reads {@link POSTGRES_KEYS_PER_GROUPED_READ} keys (in
 * ascending order) per statement and leaves the order to this function,
 * which sorts only an SLO whose rows came out of order; SQLite reads lists
 * of {@link sloKeyBatches} keys ordered by SLO, then start. The rows are
 * made items a few SLOs at a time, one {@link EventLoopSlicer} slice at most
 * between turns of the event loop: a read of 1,000 SLOs' edge hours holds
 * tens of thousands of rows, which requests should not wait for in one piece.
 */
export async function readTimeRangeBySlo<T>(
  db: Knex,
  table: TimeKeyedTable,
  from: number,
  to: number,
  sloKeys: number[],
  toItem: (row: RangeRow) => T,
  options: { emptyLists?: boolean } = {},
): Promise<Map<number, T[]>> {
  const postgres = isPostgres(db);
  const batches = postgres
    ? chunk(
        [...sloKeys].sort((a, b) => a - b),
        POSTGRES_KEYS_PER_GROUPED_READ,
      )
    : sloKeyBatches(db, sloKeys, RANGE_READ_OTHER_PARAMETERS);
  const result = new Map<number, T[]>();
  const slicer = new EventLoopSlicer();
  if (options.emptyLists) {
    for (const key of sloKeys) result.set(key, []);
  }
  for (const keys of batches) {
    const rows = await readRangeStatement(
      db,
      table,
      from,
      to,
      keys,
      !postgres,
      postgres,
    );
    const bySlo = new Map<number, RangeRow[]>();
    for (const row of rows) {
      const list = bySlo.get(row[0]);
      if (list) list.push(row);
      else bySlo.set(row[0], [row]);
    }
    for (const [key, list] of bySlo) {
      await slicer.pause();
      if (!sortedByStart(list)) list.sort((a, b) => a[1] - b[1]);
      result.set(key, list.map(toItem));
    }
  }
  return result;
}

/** True when the rows' starts (their second column) ascend. */
function sortedByStart(rows: RangeRow[]): boolean {
  for (let i = 1; i < rows.length; i++) {
    if (rows[i][1] < rows[i - 1][1]) return false;
  }
  return true;
}
