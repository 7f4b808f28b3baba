import type { HourRollup, MinuteBucket, SliData } from './types';
import { meetsThreshold, type ObjectiveRules } from './objectiveRules';
import { HOUR_MS, MINUTE_MS, ceilToHour } from '../time';
import {
  addRangeTotals,
  emptyRangeTotals,
  type RangeTotals,
} from './rangeTotals';

export type { RangeTotals } from './rangeTotals';

/** SLI data sorted by start, one entry per minute and per hour. */
export interface PreparedData {
  rollups: ReadonlyArray<HourRollup>;
  minutes: ReadonlyArray<MinuteBucket>;
}

/**
 * Sorts rollups and minutes by start (when not already sorted) and keeps the
 * last entry given for any start: a write sets a bucket, it never adds to it.
 */
export function prepareData(data: SliData): PreparedData {
  return {
    rollups: sortedUnique(data.rollups ?? []),
    minutes: sortedUnique(data.minutes),
  };
}

function sortedUnique<T extends { start: number }>(
  items: ReadonlyArray<T>,
): ReadonlyArray<T> {
  let ordered = true;
  for (let i = 1; i < items.length; i++) {
    if (items[i].start <= items[i - 1].start) {
      ordered = false;
      break;
    }
  }
  if (ordered) return items;
  const indexed = items.map((item, index) => ({ item, index }));
  indexed.sort((a, b) => a.item.start - b.item.start || a.index - b.index);
  const result: T[] = [];
  for (const { item } of indexed) {
    if (result.length > 0 && result[result.length - 1].start === item.start) {
      result[result.length - 1] = item;
    } else {
      result.push(item);
    }
  }
  return result;
}

/** Index of the first entry whose start is ≥ `at` (binary search from `from`). */
function lowerBound(
  items: ReadonlyArray<{ start: number }>,
  at: number,
  from = 0,
): number {
  let lo = from;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid].start < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Totals over `[from, to)` (epoch ms on minute boundaries).
 *
 * The rollup rule: an hourly rollup is used only when its whole hour lies
 * inside the range; the minutes of such an hour are then ignored. Every other
 * minute in the range, including all minutes of hours the range only partly
 * covers, is read from the minute buckets. Time slices divide an hour, so a
 * slice is either inside a rollup or built from minutes, never both; slices
 * cut by the range's edges are judged on their minutes inside the range.
 */
export function aggregateRange(
  data: PreparedData,
  rules: ObjectiveRules,
  from: number,
  to: number,
): RangeTotals {
  const totals = emptyRangeTotals();
  if (to <= from) return totals;

  const { rollups, minutes } = data;
  const firstWholeHour = ceilToHour(from);
  const endOfWholeHours = Math.floor(to / HOUR_MS) * HOUR_MS;

  // Whole hours from rollups.
  let rollupIndex = lowerBound(rollups, firstWholeHour);
  const firstRollupIndex = rollupIndex;
  for (
    ;
    rollupIndex < rollups.length &&
    rollups[rollupIndex].start < endOfWholeHours;
    rollupIndex++
  ) {
    addRangeTotals(totals, rollups[rollupIndex]);
  }

  // Everything else from minutes, grouped into slices.
  const sliceMs = rules.sliceMinutes * MINUTE_MS;
  const threshold = rules.threshold;
  let coverIndex = firstRollupIndex;
  let sliceStart = Number.NaN;
  let sliceGood = 0;
  let sliceTotal = 0;

  const flushSlice = () => {
    if (sliceTotal > 0) {
      const ratio = sliceGood / sliceTotal;
      totals.slicesWithData += 1;
      totals.sliceRatioSum += ratio;
      if (ratio >= rules.sliceTarget) totals.goodSlices += 1;
    }
    sliceGood = 0;
    sliceTotal = 0;
  };

  for (let i = lowerBound(minutes, from); i < minutes.length; i++) {
    const bucket = minutes[i];
    const start = bucket.start;
    if (start >= to) break;
    if (start >= firstWholeHour && start < endOfWholeHours) {
      const hour = start - (start % HOUR_MS);
      while (coverIndex < rollups.length && rollups[coverIndex].start < hour)
        coverIndex++;
      if (coverIndex < rollups.length && rollups[coverIndex].start === hour) {
        // This hour came from its rollup: skip its minutes.
        i = lowerBound(minutes, hour + HOUR_MS, i) - 1;
        continue;
      }
    }
    let good: number;
    let total: number;
    if (
      threshold &&
      typeof bucket.value === 'number' &&
      Number.isFinite(bucket.value)
    ) {
      total = 1;
      good = meetsThreshold(bucket.value, threshold.op, threshold.value)
        ? 1
        : 0;
    } else {
      good = bucket.good;
      total = bucket.total;
    }
    if (!(total > 0)) continue;

    totals.good += good;
    totals.total += total;
    totals.minutesWithData += 1;
    const slice = start - (((start % sliceMs) + sliceMs) % sliceMs);
    if (slice !== sliceStart) {
      flushSlice();
      sliceStart = slice;
    }
    sliceGood += good;
    sliceTotal += total;
  }
  flushSlice();
  return totals;
}
