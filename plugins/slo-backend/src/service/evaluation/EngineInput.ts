import {
  type MinuteBucket,
  emptyRangeTotals,
} from '@slo-kit/plugin-slo-common';
import type { RollupSpan } from '@slo-kit/plugin-slo-node';

/**
 * The minutes and rollups the engine reads for one SLO, written into
 * objects that are reused from one evaluation to the next.
 *
 * The evaluator holds its cache in typed arrays while the engine reads
 * objects. Making fresh ones for every SLO in every cycle (hundreds per SLO)
 * cost more than the evaluation itself; here a cycle makes only as many as
 * the largest SLO needs, once.
 *
 * What `minutes` and `rollups` hold is valid until the next {@link reset}:
 * the engine does not keep what it is given, and one input serves one
 * evaluation at a time.
 */
export class EngineInput {
  readonly minutes: MinuteBucket[] = [];
  readonly rollups: RollupSpan[] = [];
  private readonly minutePool: MinuteBucket[] = [];
  private readonly rollupPool: RollupSpan[] = [];

  /** Empties `minutes` and `rollups`, keeping their objects for reuse. */
  reset(): this {
    this.minutes.length = 0;
    this.rollups.length = 0;
    return this;
  }

  addMinute(start: number, good: number, total: number): void {
    const bucket = this.next(this.minutes, this.minutePool, () => ({
      start: 0,
      good: 0,
      total: 0,
    }));
    bucket.start = start;
    bucket.good = good;
    bucket.total = total;
  }

  /**
   * Appends a rollup and returns it for the caller to fill in: an object of
   * an earlier evaluation, still holding that evaluation's values.
   */
  nextRollup(): RollupSpan {
    return this.next(this.rollups, this.rollupPool, () => ({
      start: 0,
      durationMs: 0,
      ...emptyRangeTotals(),
    }));
  }

  /** Appends to `list` the pooled object at its length, made first if needed. */
  private next<T>(list: T[], pool: T[], make: () => T): T {
    let item = pool[list.length];
    if (!item) {
      item = make();
      pool.push(item);
    }
    list.push(item);
    return item;
  }
}
