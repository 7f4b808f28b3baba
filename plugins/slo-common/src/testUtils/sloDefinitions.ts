import { DAY_MS, MINUTE_MS } from '../time';
import type { Indicator, SloDefinition, TimeWindow } from '../openslo/types';

/**
 * A ratio indicator whose good and total counts come from metric sources of
 * `sourceType` (`push`: pushed to SLO Kit; otherwise pulled from the SLI
 * source of that type), as the parser normalises them.
 */
export function ratioIndicatorFrom(sourceType: string): Indicator {
  return {
    kind: 'ratio',
    counter: true,
    numerator: 'good',
    numeratorSource: { type: sourceType, spec: {} },
    totalSource: { type: sourceType, spec: {} },
  };
}

/** A ratio indicator whose good and total counts are pushed to SLO Kit. */
export const pushedRatioIndicator: Indicator = ratioIndicatorFrom('push');

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

/** An Occurrences SLO like {@link sloDefinition} whose counts are pulled from the SLI source of `sourceType`. */
export function pulledSloDefinition(
  name: string,
  sourceType: string,
): SloDefinition {
  return sloDefinition(name, { indicator: ratioIndicatorFrom(sourceType) });
}
