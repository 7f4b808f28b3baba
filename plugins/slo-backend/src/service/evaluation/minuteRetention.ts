import { HOUR_MS, floorToHour } from '@slo-kit/plugin-slo-common';

/**
 * Where minute retention cuts at `now`: minute buckets before this instant
 * may be deleted. The cut is on an hour boundary (at least
 * `minuteRetentionMs` is kept, rounded down to the hour), so retention deletes
 * the minutes of an hour all at once, never some of them: an hour's minutes
 * are either all there or all gone.
 *
 * The evaluator never rebuilds the rollup of an hour before the cut, whose
 * minutes retention may already have deleted: rebuilding it would replace
 * what the rollup counted with less or nothing.
 */
export function minuteRetentionCut(
  now: number,
  minuteRetentionMs: number,
): number {
  return floorToHour(now - minuteRetentionMs);
}

/**
 * The oldest minute SLI data may be written for at `now`: the start of the
 * hour after the retention cut. A written minute marks its hour for a rebuild
 * by the next evaluation cycle (every minute); starting an hour after the cut
 * leaves that cycle an hour before retention may reach the hour.
 */
export function oldestWritableMinute(
  now: number,
  minuteRetentionMs: number,
): number {
  return minuteRetentionCut(now, minuteRetentionMs) + HOUR_MS;
}
