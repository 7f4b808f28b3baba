import type { SloDefinition } from '../openslo/types';
import { BURN_RATE_WINDOWS, burnWindowMs } from './burnWindows';
import { resolveWindow } from './resolveWindow';
import { HOUR_MS, floorToHour, floorToMinute } from '../time';

/**
 * The UTC hours whose minute buckets {@link evaluateSlo} reads even when an
 * hourly rollup exists for them: the hours that the window or a burn-rate
 * window covers only in part (the window's first hour, the hour containing
 * `at`, and the hours containing `at` minus each burn-rate window). For every
 * other hour a rollup is enough. Sorted, without duplicates.
 */
export function minuteTailHours(slo: SloDefinition, at: number): number[] {
  const now = floorToMinute(at);
  const window = resolveWindow(slo.timeWindow, now);
  const starts = [
    window.start,
    ...BURN_RATE_WINDOWS.map(w => now - burnWindowMs(w)),
  ];
  const hours = new Set<number>();
  for (const start of starts) {
    if (start % HOUR_MS !== 0) hours.add(floorToHour(start));
  }
  if (now % HOUR_MS !== 0) hours.add(floorToHour(now));
  return [...hours].sort((a, b) => a - b);
}
