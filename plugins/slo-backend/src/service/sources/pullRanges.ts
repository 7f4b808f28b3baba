import {
  HOUR_MS,
  MINUTE_MS,
  floorToHour,
  floorToMinute,
} from '@slo-kit/plugin-slo-common';

/** One SLO's pull plan for one run of its source's task. */
export interface PullPlan {
  /** First minute asked, inclusive. */
  from: number;
  /** End of the minutes asked, exclusive: the start of the current minute. */
  to: number;
  /** Set when the SLO was never pulled: the run backfills from here. */
  backfillFrom?: number;
  /** `[from, to)` split into the requests to make, in order. */
  chunks: Array<{ from: number; to: number }>;
}

/**
 * Which minutes of one SLO to ask its source for at `now`:
 *
 * - never pulled: its whole window, from `windowStart`;
 * - pulled before: from `rereadMinutes` before where the last pull ended, so
 *   late samples land, but never before `windowStart` (after an outage
 *   longer than the window, only the window is filled);
 *
 * up to the start of the current minute (which is not complete yet). The
 * range is split into chunks of whole hours, as many as fit in
 * `maxMinutesPerPull` minutes (at least one hour); a range reaching before
 * `oldestWritable` starts on a whole hour, since those hours are written as
 * whole-hour rollups. Returns
 * `undefined` when there is nothing to ask.
 */
export function planPull(options: {
  now: number;
  windowStart: number;
  pulledThrough: number | null;
  rereadMinutes: number;
  maxMinutesPerPull: number;
  /** The oldest minute minute retention keeps (on an hour boundary). */
  oldestWritable: number;
}): PullPlan | undefined {
  const { now, pulledThrough, rereadMinutes, maxMinutesPerPull } = options;
  const to = floorToMinute(now);
  const windowStart = floorToMinute(options.windowStart);
  const backfill = pulledThrough === null;
  let from = backfill
    ? windowStart
    : Math.max(windowStart, pulledThrough - rereadMinutes * MINUTE_MS);
  if (from >= to) return undefined;

  // Hours older than minute retention are written as whole-hour rollups, so
  // a range reaching them starts on a whole hour (and chunks are whole hours).
  if (from < options.oldestWritable) from = floorToHour(from);
  const wholeHours = Math.max(1, Math.floor(maxMinutesPerPull / 60));
  const step = wholeHours * HOUR_MS;

  const chunks: Array<{ from: number; to: number }> = [];
  for (let start = from; start < to; start += step) {
    chunks.push({ from: start, to: Math.min(to, start + step) });
  }
  return { from, to, chunks, ...(backfill ? { backfillFrom: from } : {}) };
}
