import type { MinuteBucket } from '@slo-kit/plugin-slo-common';
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
    const next = this.minutes.length;
    let bucket = this.minutePool[next];
    if (bucket) {
      bucket.start = start;
      bucket.good = good;
      bucket.total = total;
    } else {
      bucket = { start, good, total };
      this.minutePool.push(bucket);
    }
    this.minutes.push(bucket);
  }

  /** Adds the rollup of `[start, start + durationMs)` with its counts. */
  addRollup(
    start: number,
    durationMs: number,
    good: number,
    total: number,
    minutesWithData: number,
    slicesWithData: number,
    goodSlices: number,
    sliceRatioSum: number,
  ): void {
    const next = this.rollups.length;
    let span = this.rollupPool[next];
    if (span) {
      span.start = start;
      span.durationMs = durationMs;
      span.good = good;
      span.total = total;
      span.minutesWithData = minutesWithData;
      span.slicesWithData = slicesWithData;
      span.goodSlices = goodSlices;
      span.sliceRatioSum = sliceRatioSum;
    } else {
      span = {
        start,
        durationMs,
        good,
        total,
        minutesWithData,
        slicesWithData,
        goodSlices,
        sliceRatioSum,
      };
      this.rollupPool.push(span);
    }
    this.rollups.push(span);
  }
}
