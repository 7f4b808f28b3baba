import type { SloDefinition } from '../openslo/types';
import type { HourRollup, MinuteBucket } from './types';
import { aggregateRange, prepareData } from './aggregateRange';
import { objectiveRules } from './objectiveRules';
import { HOUR_MS } from '../time';

/**
 * Rolls up the minute buckets of one UTC hour for one objective of one SLO.
 * Buckets outside `[hourStart, hourStart + 1h)` are ignored. The slice fields
 * depend on the objective (slice length, slice target, threshold), so a rollup
 * is only valid for the definition and objective it was computed with.
 */
export function computeHourRollup(
  slo: SloDefinition,
  hourStart: number,
  minutes: MinuteBucket[],
  objectiveIndex = 0,
): HourRollup {
  if (!Number.isFinite(hourStart) || hourStart % HOUR_MS !== 0) {
    throw new RangeError(
      `computeHourRollup: hourStart must be epoch milliseconds on a UTC hour boundary, got ${hourStart}`,
    );
  }
  const totals = aggregateRange(
    prepareData({ minutes }),
    objectiveRules(slo, objectiveIndex),
    hourStart,
    hourStart + HOUR_MS,
  );
  return { start: hourStart, ...totals };
}
