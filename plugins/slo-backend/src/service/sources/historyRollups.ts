import {
  MinuteBucket,
  SloDefinition,
  computeHourRollup,
  floorToHour,
} from '@slo-kit/plugin-slo-common';
import type { HourRollupRow } from '@slo-kit/plugin-slo-node';

/**
 * Hourly rollups of one SLO from minutes older than minute retention keeps
 * (a backfill's history): one per hour that holds at least one minute.
 * Each hour must be given whole; an hour without minutes is left alone.
 */
export function historyRollups(
  sloKey: number,
  definition: SloDefinition,
  minutes: MinuteBucket[],
): HourRollupRow[] {
  const byHour = new Map<number, MinuteBucket[]>();
  for (const minute of minutes) {
    const hour = floorToHour(minute.start);
    const list = byHour.get(hour) ?? [];
    list.push(minute);
    byHour.set(hour, list);
  }
  return [...byHour.entries()]
    .sort(([a], [b]) => a - b)
    .map(([hourStart, list]) => {
      const { start: _start, ...totals } = computeHourRollup(
        definition,
        hourStart,
        list.sort((a, b) => a.start - b.start),
      );
      return { sloKey, hourStart, ...totals };
    });
}
