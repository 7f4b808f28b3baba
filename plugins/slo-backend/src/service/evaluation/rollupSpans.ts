import {
  DAY_MS,
  HOUR_MS,
  addRangeTotals,
  ceilToDay,
  emptyRangeTotals,
  floorToDay,
  floorToHour,
} from '@slo-kit/plugin-slo-common';
import type { RollupSpan } from '@slo-kit/plugin-slo-node';

/**
 * Which rollups the engine may use for one SLO at one instant, and which of
 * them may be whole UTC days.
 *
 * The engine adds a rollup's counts to a range when the rollup's start lies
 * among the range's whole hours and then ignores that hour's minutes. An
 * entry summing a whole day therefore gives exactly the sums of its 24 hours
 * to every range that contains the whole day, and must never be cut by a
 * range's edge nor overlap an hour read minute by minute. Days between the
 * window's first whole day and the day the longest burn-rate window starts in
 * satisfy both: only the window range reaches them, and it contains them whole.
 */
export interface RollupPlan {
  /** First hour whose rollup any range may use. */
  from: number;
  /** Days `[dayFrom, dayTo)` may be read as daily rollups; empty when equal. */
  dayFrom: number;
  dayTo: number;
  /**
   * End of the current hour. The current hour's rollup is held for when the
   * hour is over, even if no more data arrives in it; until then the engine
   * is given the hour's minutes instead.
   */
  to: number;
}

export function planRollups(options: {
  windowStart: number;
  burnWindowStart: number;
  at: number;
}): RollupPlan {
  const { windowStart, burnWindowStart, at } = options;
  const from = floorToHour(Math.min(windowStart, burnWindowStart));
  const to = floorToHour(at) + HOUR_MS;
  const dayFrom = ceilToDay(windowStart);
  const dayTo = floorToDay(burnWindowStart);
  if (dayTo <= dayFrom) {
    return { from, dayFrom: to, dayTo: to, to };
  }
  return { from, dayFrom, dayTo, to };
}

/** Index of the last entry starting at or before `at`, or -1. */
function lastStartingAtOrBefore(spans: RollupSpan[], at: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (spans[mid].start <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** The entry covering instant `at`, if any. */
export function findSpanAt(
  spans: RollupSpan[],
  at: number,
): RollupSpan | undefined {
  const index = lastStartingAtOrBefore(spans, at);
  if (index < 0) return undefined;
  const span = spans[index];
  return at < span.start + span.durationMs ? span : undefined;
}

/** Replaces the entry starting at `start` with `replacement` (sorted, same time span). */
export function replaceSpan(
  spans: RollupSpan[],
  start: number,
  replacement: RollupSpan[],
): void {
  const index = lastStartingAtOrBefore(spans, start);
  if (index >= 0 && spans[index].start === start) {
    spans.splice(index, 1, ...replacement);
  }
}

/**
 * Sets one hourly rollup in a sorted list. When a day entry covers the hour
 * the list is left as is and the day's start is returned: the caller must
 * replace that day entry with freshly summed counts.
 */
export function upsertHourSpan(
  spans: RollupSpan[],
  hour: RollupSpan,
): number | undefined {
  const index = lastStartingAtOrBefore(spans, hour.start);
  if (index >= 0) {
    const before = spans[index];
    if (
      before.durationMs > HOUR_MS &&
      hour.start < before.start + before.durationMs
    ) {
      return before.start;
    }
    if (before.start === hour.start) {
      spans[index] = hour;
      return undefined;
    }
  }
  spans.splice(index + 1, 0, hour);
  return undefined;
}

/**
 * Sums the hourly rollups of every day in `[plan.dayFrom, plan.dayTo)` into
 * one entry per day, so long-running caches stay as small as fresh ones.
 */
export function mergeDaySpans(spans: RollupSpan[], plan: RollupPlan): void {
  let first = lastStartingAtOrBefore(spans, plan.dayFrom - 1) + 1;
  while (
    first < spans.length &&
    spans[first].start < plan.dayTo &&
    spans[first].durationMs !== HOUR_MS
  ) {
    first++;
  }
  if (first >= spans.length || spans[first].start >= plan.dayTo) return;

  const merged: RollupSpan[] = [];
  let day: RollupSpan | undefined;
  let end = first;
  for (; end < spans.length && spans[end].start < plan.dayTo; end++) {
    const span = spans[end];
    if (span.durationMs !== HOUR_MS) {
      merged.push(span);
      day = undefined;
      continue;
    }
    const dayStart = floorToDay(span.start);
    if (!day || day.start !== dayStart) {
      day = { start: dayStart, durationMs: DAY_MS, ...emptyRangeTotals() };
      merged.push(day);
    }
    addRangeTotals(day, span);
  }
  spans.splice(first, end - first, ...merged);
}
