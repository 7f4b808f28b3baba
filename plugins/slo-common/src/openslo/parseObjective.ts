import type { ObjectiveSpec } from './schema';
import type { DocumentReporter, FieldPath } from './DocumentReporter';
import { fixedDurationMinutes, parseDuration } from './duration';
import type { BudgetingMethod, Indicator, SloObjective } from './types';

/** Slice lengths (minutes) that tile an hour, so hourly rollups stay exact. */
const SLICE_MINUTES_THAT_DIVIDE_AN_HOUR = [
  1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60,
];

/**
 * Normalises objective `index` of an SLO: its target, its time-slice settings
 * (for the slice methods) and its threshold (for a threshold metric).
 * Problems are reported; undefined when there are any.
 */
export function parseObjective(
  objective: ObjectiveSpec,
  index: number,
  method: BudgetingMethod,
  indicator: Indicator | undefined,
  reporter: DocumentReporter,
): SloObjective | undefined {
  const path = ['spec', 'objectives', index];
  const before = reporter.issueCount;
  for (const field of [
    'indicator',
    'indicatorRef',
    'compositeWeight',
  ] as const) {
    if (objective[field] !== undefined) {
      reporter.notSupported(
        [...path, field],
        `${field} on an objective (composite SLOs); put the indicator on the SLO`,
      );
    }
  }

  const target = parseTarget(objective, path, reporter);
  const timeSliceTarget = parseTimeSliceTarget(
    objective,
    path,
    method,
    indicator,
    reporter,
  );
  const timeSliceWindowMinutes = parseTimeSliceWindow(
    objective,
    path,
    method,
    reporter,
  );
  checkThreshold(objective, path, indicator, reporter);

  if (reporter.issueCount > before || target === undefined) {
    return undefined;
  }
  return {
    ...(objective.displayName !== undefined
      ? { displayName: objective.displayName }
      : {}),
    target,
    ...(timeSliceTarget !== undefined ? { timeSliceTarget } : {}),
    ...(timeSliceWindowMinutes !== undefined ? { timeSliceWindowMinutes } : {}),
    ...(indicator?.kind === 'threshold'
      ? { op: objective.op, value: objective.value }
      : {}),
  };
}

/** The target as a fraction, from `target` (0.999) or `targetPercent` (99.9). */
function parseTarget(
  objective: ObjectiveSpec,
  path: FieldPath,
  reporter: DocumentReporter,
): number | undefined {
  if (objective.target !== undefined && objective.targetPercent !== undefined) {
    reporter.report(
      [...path, 'targetPercent'],
      'give either target or targetPercent, not both',
    );
    return undefined;
  }
  if (objective.target !== undefined) {
    if (objective.target > 0 && objective.target < 1) {
      return objective.target;
    }
    const hint =
      objective.target > 1 && objective.target < 100
        ? ` (did you mean targetPercent: ${objective.target}?)`
        : '';
    reporter.report(
      [...path, 'target'],
      `must be a fraction between 0 and 1, exclusive (e.g. 0.999), got ${objective.target}${hint}`,
    );
    return undefined;
  }
  if (objective.targetPercent !== undefined) {
    if (objective.targetPercent > 0 && objective.targetPercent < 100) {
      return Number((objective.targetPercent / 100).toPrecision(12));
    }
    reporter.report(
      [...path, 'targetPercent'],
      `must be a percentage between 0 and 100, exclusive (e.g. 99.9), got ${objective.targetPercent}`,
    );
    return undefined;
  }
  reporter.report(
    [...path, 'target'],
    'is required: give target (e.g. 0.999) or targetPercent (e.g. 99.9)',
  );
  return undefined;
}

/** The good-event ratio a slice needs to count as good (Timeslices only). */
function parseTimeSliceTarget(
  objective: ObjectiveSpec,
  path: FieldPath,
  method: BudgetingMethod,
  indicator: Indicator | undefined,
  reporter: DocumentReporter,
): number | undefined {
  if (objective.timeSliceTarget === undefined) {
    if (method === 'Timeslices' && indicator?.kind === 'ratio') {
      reporter.report(
        [...path, 'timeSliceTarget'],
        'is required with budgetingMethod Timeslices: the good-event ratio a slice needs to count as good (e.g. 0.95)',
      );
    }
    return undefined;
  }
  if (method !== 'Timeslices') {
    reporter.report(
      [...path, 'timeSliceTarget'],
      `applies only to budgetingMethod Timeslices, not ${method}`,
    );
    return undefined;
  }
  if (!(objective.timeSliceTarget > 0 && objective.timeSliceTarget <= 1)) {
    reporter.report(
      [...path, 'timeSliceTarget'],
      `must be a fraction in (0, 1], got ${objective.timeSliceTarget}`,
    );
    return undefined;
  }
  return objective.timeSliceTarget;
}

/** The slice length in minutes, which must divide an hour (slice methods only). */
function parseTimeSliceWindow(
  objective: ObjectiveSpec,
  path: FieldPath,
  method: BudgetingMethod,
  reporter: DocumentReporter,
): number | undefined {
  if (objective.timeSliceWindow === undefined) {
    return undefined;
  }
  const windowPath = [...path, 'timeSliceWindow'];
  if (method === 'Occurrences') {
    reporter.report(
      windowPath,
      'applies only to budgetingMethod Timeslices or RatioTimeslices',
    );
    return undefined;
  }
  if (typeof objective.timeSliceWindow === 'number') {
    reporter.notSupported(
      windowPath,
      `a bare number (${objective.timeSliceWindow}); write a duration such as 1m or 5m`,
    );
    return undefined;
  }
  const duration = parseDuration(objective.timeSliceWindow);
  if (typeof duration === 'string') {
    reporter.report(windowPath, duration);
    return undefined;
  }
  const minutes = fixedDurationMinutes(duration);
  if (
    minutes === undefined ||
    !SLICE_MINUTES_THAT_DIVIDE_AN_HOUR.includes(minutes)
  ) {
    reporter.notSupported(
      windowPath,
      `time slices of ${objective.timeSliceWindow}; a slice must divide one hour (1m, 2m, 3m, 4m, 5m, 6m, 10m, 12m, 15m, 20m, 30m or 1h)`,
    );
    return undefined;
  }
  return minutes;
}

/** `op` and `value` are required with a threshold metric and refused with a ratio. */
function checkThreshold(
  objective: ObjectiveSpec,
  path: FieldPath,
  indicator: Indicator | undefined,
  reporter: DocumentReporter,
): void {
  if (indicator?.kind === 'threshold') {
    if (objective.op === undefined) {
      reporter.report(
        [...path, 'op'],
        'is required with a thresholdMetric: one of lt, lte, gt, gte',
      );
    }
    if (objective.value === undefined) {
      reporter.report(
        [...path, 'value'],
        'is required with a thresholdMetric: the threshold each measurement is compared with',
      );
    }
  } else if (indicator?.kind === 'ratio') {
    for (const field of ['op', 'value'] as const) {
      if (objective[field] !== undefined) {
        reporter.report(
          [...path, field],
          'applies only to a thresholdMetric indicator; a ratioMetric is judged by target',
        );
      }
    }
  }
}
