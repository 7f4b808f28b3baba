import { MINUTE_MS } from '@slo-kit/plugin-slo-common';
import { oldestWritableMinute } from '../evaluation/minuteRetention';

/** How far in the future a minute may lie. */
export const MAX_FUTURE_SKEW_MS = 5 * MINUTE_MS;

/** The minutes SLI data may be written for at one instant, `[oldest, latest]`. */
export interface WritableMinutes {
  oldest: number;
  latest: number;
}

/**
 * The minutes writable at `now`: from the first hour minute retention keeps
 * whole (see {@link oldestWritableMinute}) to five minutes ahead.
 */
export function writableMinutes(
  now: number,
  minuteRetentionMs: number,
): WritableMinutes {
  return {
    oldest: oldestWritableMinute(now, minuteRetentionMs),
    latest: now + MAX_FUTURE_SKEW_MS,
  };
}

/**
 * Why a minute may not be written, or undefined when it may; `shown` is the
 * minute as the writer sent it (`shownAs`; by default in ISO 8601, written only for a
 * minute that is refused).
 */
export function minuteOutOfRange(
  bucketStart: number,
  range: WritableMinutes,
  shownAs?: string,
): string | undefined {
  if (bucketStart <= range.latest && bucketStart >= range.oldest) {
    return undefined;
  }
  const shown = shownAs ?? new Date(bucketStart).toISOString();
  if (bucketStart > range.latest) {
    return `must not be more than 5 minutes in the future, got ${shown}`;
  }
  return `is older than minute retention keeps whole hours (oldest accepted: ${new Date(
    range.oldest,
  ).toISOString()}), got ${shown}`;
}
