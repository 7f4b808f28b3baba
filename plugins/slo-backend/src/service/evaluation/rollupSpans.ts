import {
  HOUR_MS,
  ceilToDay,
  floorToDay,
  floorToHour,
} from '@slo-kit/plugin-slo-common';

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
