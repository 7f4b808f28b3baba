import type {
  SloDefinition,
  SloObjective,
  TimeWindow,
} from '@slo-kit/plugin-slo-common';
import { formatPercent } from './formatNumbers';

const UNIT_WORDS: Record<string, [string, string]> = {
  m: ['minute', 'minutes'],
  h: ['hour', 'hours'],
  d: ['day', 'days'],
  w: ['week', 'weeks'],
  M: ['month', 'months'],
  Q: ['quarter', 'quarters'],
  Y: ['year', 'years'],
};

const OPERATOR_SYMBOLS = { lt: '<', lte: '≤', gt: '>', gte: '≥' } as const;

function pluralise(amount: number, unit: string): string {
  const words = UNIT_WORDS[unit];
  if (!words) {
    return `${amount}${unit}`;
  }
  return `${amount} ${amount === 1 ? words[0] : words[1]}`;
}

/** Splits an OpenSLO duration such as `28d` into amount and unit. */
function parseDuration(
  duration: string,
): { amount: number; unit: string } | undefined {
  const match = /^(\d+)([mhdwMQY])$/.exec(duration.trim());
  if (!match) {
    return undefined;
  }
  return { amount: Number(match[1]), unit: match[2] };
}

/** "30 days rolling" or "calendar month (Europe/Berlin)". */
export function describeTimeWindow(window: TimeWindow): string {
  if (window.kind === 'rolling') {
    const parsed = parseDuration(window.duration);
    const length = parsed
      ? pluralise(parsed.amount, parsed.unit)
      : pluralise(window.durationMinutes, 'm');
    return `${length} rolling`;
  }
  return `${calendarPeriod(window.amount, window.unit)} (${window.timeZone})`;
}

/** "calendar month", "3 calendar months". */
function calendarPeriod(amount: number, unit: string): string {
  const words = UNIT_WORDS[unit] ?? [unit, unit];
  return amount === 1
    ? `calendar ${words[0]}`
    : `${amount} calendar ${words[1]}`;
}

/**
 * A window given as its OpenSLO duration, as a person reads it: "30 days"
 * (rolling) or "calendar month" (calendar, `1M`).
 */
export function describeWindowDuration(
  duration: string,
  kind: 'rolling' | 'calendar',
): string {
  const parsed = parseDuration(duration);
  if (!parsed) {
    return duration;
  }
  return kind === 'calendar'
    ? calendarPeriod(parsed.amount, parsed.unit)
    : pluralise(parsed.amount, parsed.unit);
}

function sliceLength(objective: SloObjective): string {
  const minutes = objective.timeSliceWindowMinutes ?? 1;
  if (minutes % 60 === 0) {
    return `${minutes / 60}-hour`;
  }
  return `${minutes}-minute`;
}

/**
 * What counts as a good request, from the objective's display name: a name
 * such as "Requests faster than 300 ms" reads "of requests faster than 300 ms",
 * any other name is quoted after a colon, and without a name the request is
 * simply "good". The engine only sees good and total counts, so the name is
 * the one place that says whether "good" means "succeeded" or "was fast".
 */
function describeGoodRequests(objective: SloObjective): string {
  const name = objective.displayName?.trim();
  if (!name) {
    return 'of requests are good';
  }
  const requests = /^requests\s+(.+)$/i.exec(name);
  if (requests) {
    return `of requests ${requests[1]}`;
  }
  return `of requests are good (${name})`;
}

/** What the objective promises, without the window: "99.9% of requests succeed". */
export function describeTarget(
  definition: SloDefinition,
  objective: SloObjective,
): string {
  const target = formatPercent(objective.target, 3);
  switch (definition.budgetingMethod) {
    case 'Occurrences':
      return `${target} ${describeGoodRequests(objective)}`;
    case 'RatioTimeslices':
      return `${target} of requests succeed on average per ${sliceLength(
        objective,
      )} slice`;
    case 'Timeslices': {
      const slices = `${target} of ${sliceLength(objective)} slices`;
      if (objective.op && objective.value !== undefined) {
        return `${slices} keep the value ${OPERATOR_SYMBOLS[objective.op]} ${
          objective.value
        }`;
      }
      if (objective.timeSliceTarget !== undefined) {
        return `${slices} have at least ${formatPercent(
          objective.timeSliceTarget,
          3,
        )} good requests`;
      }
      return `${slices} are good`;
    }
    default:
      return `${target} good`;
  }
}

/** The whole objective in words: "99.9% of requests succeed, 30 days rolling". */
export function describeObjective(
  definition: SloDefinition,
  objective: SloObjective | undefined = definition.objectives[0],
): string {
  const window = describeTimeWindow(definition.timeWindow);
  if (!objective) {
    return window;
  }
  return `${describeTarget(definition, objective)}, ${window}`;
}
