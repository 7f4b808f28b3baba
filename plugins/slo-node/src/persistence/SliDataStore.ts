import type {
  HourRollup,
  MinuteBucket,
  RangeTotals,
} from '@slo-kit/plugin-slo-common';

/**
 * One minute of SLI data of one SLO as stored.
 *
 * @public
 */
export interface MinuteBucketRow {
  sloKey: number;
  /** Epoch ms on a minute boundary. */
  bucketStart: number;
  good: number;
  total: number;
}

/**
 * One hourly rollup as stored: the engine's sums over one hour of minutes.
 *
 * @public
 */
export interface HourRollupRow extends RangeTotals {
  sloKey: number;
  /** Epoch ms on an hour boundary. */
  hourStart: number;
}

/**
 * How finely rollups are read: one entry per hour, or per UTC day.
 *
 * @public
 */
export type RollupGranularity = 'hour' | 'day';

/**
 * Rollup sums of one SLO over whole hours starting at `start`: one hourly
 * rollup, or the sum of the hourly rollups of one UTC day. Shaped like the
 * engine's `HourRollup` so it can be handed to the engine as is.
 *
 * @public
 */
export interface RollupSpan extends HourRollup {
  /** Length of the span: one hour or one day, in milliseconds. */
  durationMs: number;
}

/**
 * An hour of one SLO whose minute data changed since it was last cleared.
 *
 * @public
 */
export interface DirtyHour {
  sloKey: number;
  hourStart: number;
  /** First and last minute written into the hour since it was marked. */
  firstBucket: number;
  lastBucket: number;
  /** Identifies the write that last marked the hour. */
  token: string;
}

/**
 * SLI data: minute buckets, the hours whose minutes changed, hourly rollups
 * with their daily sums, and their retention. Writes set values, they never
 * add to stored ones, so a replayed write changes nothing.
 *
 * @public
 */
export interface SliDataStore {
  /**
   * Sets the given minute buckets and marks their hours dirty, all in one
   * transaction. Rows are written in key order so concurrent writers lock
   * rows in the same order. Rows must not repeat an (SLO, minute).
   */
  writeMinuteBuckets(rows: MinuteBucketRow[]): Promise<void>;

  /**
   * Minute buckets starting in `[from, to)`, ordered by SLO and time; only
   * of the given SLOs when `sloKeys` is given.
   */
  readMinuteBuckets(
    from: number,
    to: number,
    sloKeys?: number[],
  ): Promise<MinuteBucketRow[]>;

  /**
   * Minute buckets of the given SLOs in `[from, to)`, per SLO and ordered by
   * start, in the engine's shape. SLOs without buckets get an empty list.
   */
  readMinuteSeries(
    from: number,
    to: number,
    sloKeys: number[],
  ): Promise<Map<number, MinuteBucket[]>>;

  /**
   * The start of the newest minute bucket with traffic (`total` above 0) of
   * each given SLO at or after `since`; SLOs without one are left out.
   */
  readLatestBucketStarts(
    sloKeys: number[],
    since: number,
  ): Promise<Map<number, number>>;

  /** Every hour marked dirty by writes since it was last cleared, by SLO and hour. */
  readDirtyHours(): Promise<DirtyHour[]>;

  /**
   * Clears the given dirty marks unless a later write re-marked them (a
   * later write carries a different token).
   */
  clearDirtyHours(dirty: DirtyHour[]): Promise<void>;

  /**
   * Sets (never adds) hourly rollups and recomputes the daily sums of the
   * UTC days they fall in, in one transaction.
   */
  writeRollups(rollups: HourRollupRow[]): Promise<void>;

  /**
   * Rollups of the given SLOs starting in `[from, to)`, per SLO and ordered
   * by start: hourly rollups, or their daily sums. `from` and `to` must lie on
   * boundaries of the granularity. SLOs without rollups are left out.
   */
  readRollupSpans(
    granularity: RollupGranularity,
    from: number,
    to: number,
    sloKeys: number[],
  ): Promise<Map<number, RollupSpan[]>>;

  /**
   * Hourly rollups with `hourStart` in `[from, to)`, ordered by SLO and
   * hour; only of the given SLOs when `sloKeys` is given.
   */
  readRollups(
    from: number,
    to: number,
    sloKeys?: number[],
  ): Promise<HourRollupRow[]>;

  /** Deletes minute buckets starting before `before`; returns how many. */
  deleteMinuteBucketsBefore(before: number): Promise<number>;

  /**
   * Deletes hourly rollups starting before `before` and the daily sums of
   * the days they fall in (a day cut by `before` is summed again from the
   * hours it keeps); returns how many hourly rollups were deleted.
   */
  deleteRollupsBefore(before: number): Promise<number>;
}
