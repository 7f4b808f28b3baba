import { DateTime, type DurationLikeObject } from 'luxon';
import type { TimeWindow } from '../openslo/types';
import { parseCalendarStart } from '../openslo/calendarStart';
import { MINUTE_MS } from '../time';

/** The evaluation window and the period it belongs to, in epoch milliseconds. */
export interface ResolvedWindow {
  /** First instant of the window (inclusive). */
  start: number;
  /** End of the window (exclusive): the evaluation instant. */
  end: number;
  /** Start of the whole period (equals `start`). */
  periodStart: number;
  /** End of the whole period: `end` for rolling windows, the period's end for calendar windows. */
  periodEnd: number;
  /** Length of the whole period in minutes (P in the budget formulas). */
  periodMinutes: number;
}

const LUXON_UNITS: Record<string, keyof DurationLikeObject> = {
  m: 'minutes',
  h: 'hours',
  d: 'days',
  w: 'weeks',
  M: 'months',
  Q: 'quarters',
  Y: 'years',
};

const calendarCache = new WeakMap<
  TimeWindow,
  { periodStart: number; periodEnd: number }
>();

/**
 * Resolves an SLO's time window at instant `at` (epoch ms).
 *
 * - rolling: `[at - D, at)`; the period is D.
 * - calendar: from the start of the current period, counted in the window's
 *   IANA zone from `calendar.startTime` in steps of the duration (so a day may
 *   be 23 or 25 hours and a month starts at local midnight), to `at`; the
 *   period is the whole current period (November 2026 in America/New_York is
 *   30 days + 1 hour).
 */
export function resolveWindow(
  timeWindow: TimeWindow,
  at: number,
): ResolvedWindow {
  if (!Number.isFinite(at)) {
    throw new TypeError(
      `resolveWindow: at must be epoch milliseconds, got ${at}`,
    );
  }
  if (timeWindow.kind === 'rolling') {
    const start = at - timeWindow.durationMinutes * MINUTE_MS;
    return {
      start,
      end: at,
      periodStart: start,
      periodEnd: at,
      periodMinutes: timeWindow.durationMinutes,
    };
  }

  let period = calendarCache.get(timeWindow);
  if (!period || at < period.periodStart || at >= period.periodEnd) {
    period = currentCalendarPeriod(timeWindow, at);
    calendarCache.set(timeWindow, period);
  }
  return {
    start: period.periodStart,
    end: at,
    periodStart: period.periodStart,
    periodEnd: period.periodEnd,
    periodMinutes: (period.periodEnd - period.periodStart) / MINUTE_MS,
  };
}

function currentCalendarPeriod(
  timeWindow: Extract<TimeWindow, { kind: 'calendar' }>,
  at: number,
): { periodStart: number; periodEnd: number } {
  const anchor = parseCalendarStart(timeWindow.startTime, timeWindow.timeZone);
  if (!anchor) {
    throw new TypeError(
      `resolveWindow: calendar startTime "${timeWindow.startTime}" in ${timeWindow.timeZone} is not a date-time`,
    );
  }
  const unit = LUXON_UNITS[timeWindow.unit];
  const step = timeWindow.amount;
  const boundary = (k: number) => anchor.plus({ [unit]: k * step }).toMillis();

  // Estimate the period index from the calendar difference, then correct it.
  const now = DateTime.fromMillis(at, { zone: timeWindow.timeZone });
  let k = Math.floor(now.diff(anchor, unit).get(unit) / step);
  while (boundary(k) > at) k -= 1;
  while (boundary(k + 1) <= at) k += 1;
  return { periodStart: boundary(k), periodEnd: boundary(k + 1) };
}
