import {
  BURN_RATE_WINDOWS,
  type BurnRateWindow,
  type SloEvaluation,
} from '@slo-kit/plugin-slo-common';
import type {
  SloStatusRow,
  StoredSloDefinition,
} from '@slo-kit/plugin-slo-node';
import { statusRowOf } from './statusRow';

/** `RangeError: Invalid time value`, or the text of a non-Error throw. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    return `${error.name}: ${error.message}`;
  }
  return String(error);
}

/**
 * The status row of an SLO the evaluator could not evaluate: status `error`,
 * nothing known about its SLI and budget, and the reason in the evaluation's
 * `error`. Built without the engine (which is what failed), from the
 * definition's target only.
 */
export function errorStatus(
  definition: StoredSloDefinition,
  now: number,
  error: unknown,
): SloStatusRow {
  const at = new Date(now).toISOString();
  const objective = definition.definition.objectives[0];
  const burnRates = Object.fromEntries(
    BURN_RATE_WINDOWS.map(window => [window, null]),
  ) as Record<BurnRateWindow, null>;
  const evaluation: SloEvaluation = {
    at,
    window: { start: at, end: at },
    periodMinutes: 0,
    objective: {
      target: objective?.target ?? 0,
      ...(objective?.displayName !== undefined
        ? { displayName: objective.displayName }
        : {}),
    },
    sli: null,
    errorBudget: { total: 0, consumed: null, remaining: null, unit: 'events' },
    burnRates,
    alerts: [],
    exhaustion: { at: null },
    dataCoverage: 0,
    status: 'error',
    error: describeError(error),
  };
  return statusRowOf(definition.sloKey, evaluation, now, null);
}
