import { DAY_MS, HOUR_MS, floorToDay } from '@slo-kit/plugin-slo-common';
import type { RollupSpan } from '@slo-kit/plugin-slo-node';
import { EngineInput } from './EngineInput';
import type { RollupPlan } from './rollupSpans';

/** Numbers held per entry: start, length, then the sums in this order. */
const START = 0;
const DURATION = 1;
const SUMS = [
  'good',
  'total',
  'minutesWithData',
  'slicesWithData',
  'goodSlices',
  'sliceRatioSum',
] as const;
const FIELDS = 2 + SUMS.length;
const TOTAL = 2 + SUMS.indexOf('total');
/**
 * Room for two days of hourly entries beyond those given: the hours a
 * cycle adds fit without growing the array until their days are merged.
 * Growing means a new array per SLO, which for thousands of SLOs in one
 * cycle cost more than the cycle's evaluations.
 */
const SPARE_ENTRIES = 48;

/**
 * The rollups the evaluator holds for one SLO between cycles, sorted by
 * start and without overlaps: hourly rollups, and whole UTC days summed into
 * one entry where no range the engine reads cuts the day (see
 * {@link planRollups}).
 *
 * The entries live in one typed array, not as an object per entry: the
 * cache of thousands of SLOs holds over a hundred entries each, and with an
 * object (and boxed numbers) per entry the garbage collector's work grew
 * faster than the number of SLOs. The engine reads one SLO's entries at a
 * time through an {@link EngineInput}.
 */
export class HeldRollups {
  private data: Float64Array;
  private count = 0;

  constructor(spans: RollupSpan[] = []) {
    this.data = new Float64Array((spans.length + SPARE_ENTRIES) * FIELDS);
    this.splice(0, 0, spans);
  }

  get length(): number {
    return this.count;
  }

  /** Adds the entries starting before `before`, in order, to `input`. */
  addBefore(before: number, input: EngineInput): EngineInput {
    for (let i = 0; i < this.count && this.startOf(i) < before; i++) {
      this.readInto(i, input.nextRollup());
    }
    return input;
  }

  /** The entries starting before `before`, in order, as new objects. */
  spansBefore(before: number = Infinity): RollupSpan[] {
    return this.addBefore(before, new EngineInput()).rollups;
  }

  /**
   * End of the newest entry with data (`total > 0`) starting before
   * `before`, or null.
   */
  newestDataEndBefore(before: number = Infinity): number | null {
    for (let i = this.lastStartingAtOrBefore(before - 1); i >= 0; i--) {
      const base = i * FIELDS;
      if (this.data[base + TOTAL] > 0) {
        return this.data[base + START] + this.data[base + DURATION];
      }
    }
    return null;
  }

  /** Forgets the entries starting before `start`. */
  dropBefore(start: number): void {
    const drop = this.lastStartingAtOrBefore(start - 1) + 1;
    if (drop > 0) this.splice(0, drop, []);
  }

  /** Start and length of the entry covering instant `at`, if any. */
  entryAt(at: number): { start: number; durationMs: number } | undefined {
    const index = this.lastStartingAtOrBefore(at);
    if (index < 0) return undefined;
    const start = this.startOf(index);
    const durationMs = this.data[index * FIELDS + DURATION];
    return at < start + durationMs ? { start, durationMs } : undefined;
  }

  /** Replaces the entry starting at `start` with `replacement` (sorted, same time span). */
  replace(start: number, replacement: RollupSpan[]): void {
    const index = this.lastStartingAtOrBefore(start);
    if (index >= 0 && this.startOf(index) === start) {
      this.splice(index, 1, replacement);
    }
  }

  /**
   * Sets one hourly rollup. When a day entry covers the hour the entries
   * are left as they are and the day's start is returned: the caller must
   * replace that day entry with freshly summed counts.
   */
  upsertHour(hour: RollupSpan): number | undefined {
    const index = this.lastStartingAtOrBefore(hour.start);
    if (index >= 0) {
      const start = this.startOf(index);
      const durationMs = this.data[index * FIELDS + DURATION];
      if (durationMs > HOUR_MS && hour.start < start + durationMs) {
        return start;
      }
      if (start === hour.start) {
        this.write(index, hour);
        return undefined;
      }
    }
    this.splice(index + 1, 0, [hour]);
    return undefined;
  }

  /**
   * Sums the hourly rollups of every day in `[plan.dayFrom, plan.dayTo)` into
   * one entry per day, so long-running caches stay as small as fresh ones.
   */
  mergeDays(plan: RollupPlan): void {
    let first = this.lastStartingAtOrBefore(plan.dayFrom - 1) + 1;
    while (
      first < this.count &&
      this.startOf(first) < plan.dayTo &&
      this.data[first * FIELDS + DURATION] !== HOUR_MS
    ) {
      first++;
    }
    if (first >= this.count || this.startOf(first) >= plan.dayTo) return;

    const merged: RollupSpan[] = [];
    let day: RollupSpan | undefined;
    let end = first;
    for (; end < this.count && this.startOf(end) < plan.dayTo; end++) {
      const span = this.spanAt(end);
      if (span.durationMs !== HOUR_MS) {
        merged.push(span);
        day = undefined;
        continue;
      }
      const dayStart = floorToDay(span.start);
      if (!day || day.start !== dayStart) {
        day = { ...span, start: dayStart, durationMs: DAY_MS };
        merged.push(day);
      } else {
        for (const sum of SUMS) day[sum] += span[sum];
      }
    }
    this.splice(first, end - first, merged);
  }

  private startOf(index: number): number {
    return this.data[index * FIELDS + START];
  }

  private spanAt(index: number): RollupSpan {
    return this.readInto(index, {} as RollupSpan);
  }

  /** Writes entry `index` into `span`, every field. */
  private readInto(index: number, span: RollupSpan): RollupSpan {
    const d = this.data;
    const base = index * FIELDS;
    span.start = d[base + START];
    span.durationMs = d[base + DURATION];
    for (let s = 0; s < SUMS.length; s++) span[SUMS[s]] = d[base + 2 + s];
    return span;
  }

  private write(index: number, span: RollupSpan): void {
    const d = this.data;
    const base = index * FIELDS;
    d[base + START] = span.start;
    d[base + DURATION] = span.durationMs;
    for (let s = 0; s < SUMS.length; s++) d[base + 2 + s] = span[SUMS[s]];
  }

  /** Removes `deleteCount` entries at `index` and inserts `items` there. */
  private splice(
    index: number,
    deleteCount: number,
    items: RollupSpan[],
  ): void {
    const count = this.count - deleteCount + items.length;
    if (count * FIELDS > this.data.length) {
      const grown = new Float64Array(Math.max(count, this.count * 2) * FIELDS);
      grown.set(this.data.subarray(0, this.count * FIELDS));
      this.data = grown;
    }
    this.data.copyWithin(
      (index + items.length) * FIELDS,
      (index + deleteCount) * FIELDS,
      this.count * FIELDS,
    );
    this.count = count;
    items.forEach((item, i) => this.write(index + i, item));
  }

  /** Index of the last entry starting at or before `at`, or -1. */
  private lastStartingAtOrBefore(at: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.startOf(mid) <= at) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }
}
