import { DAY_MS, MINUTE_MS } from '../time';
import type { Indicator, SloDefinition, TimeWindow } from '../openslo/types';

/**
 * A ratio indicator whose good and total counts are pushed to SLO Kit, as
 * the parser normalises `type: push` sources.
 */
export const pushedRatioIndicator: Indicator = {
  kind: 'ratio',
  counter: true,
  numerator: 'good',
  numeratorSource: { type: 'push', spec: {} },
  totalSource: { type: 'push', spec: {} },
};

/** A rolling window of `days` days, as the parser normalises `duration: <days>d`. */
export function rollingWindow(days: number): TimeWindow {
  return {
    kind: 'rolling',
    duration: `${days}d`,
    durationMinutes: (days * DAY_MS) / MINUTE_MS,
  };
}

/**
 * A pushed Occurrences SLO at 99.9% over a rolling 28 days, as the parser
 * would produce it, with `overrides` on top.
 */
export function sloDefinition(
  name: string,
  overrides: Partial<SloDefinition> = {},
): SloDefinition {
  return {
    name,
    displayName: `${name} SLO`,
    indicator: pushedRatioIndicator,
    timeWindow: rollingWindow(28),
    budgetingMethod: 'Occurrences',
    objectives: [{ target: 0.999 }],
    ...overrides,
  };
}
