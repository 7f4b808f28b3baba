import type { SloDefinition } from '../openslo/types';
import {
  type BurnRateAlert,
  type ErrorBudget,
  type SliData,
  type SloEvaluation,
  type SloStatusValue,
} from './types';
import {
  aggregateRange,
  type PreparedData,
  type RangeTotals,
  prepareData,
} from './aggregateRange';
import { alertPolicy } from './alertPolicy';
import { objectiveRules, type ObjectiveRules } from './objectiveRules';
import { resolveWindow } from './resolveWindow';
import { roundNoise } from './roundNoise';
import {
  BURN_RATE_WINDOWS,
  burnWindowMs,
  type BurnRateWindow,
} from './burnWindows';
import { MINUTE_MS, floorToMinute } from '../time';

/** Options for {@link evaluateSlo}. */
export interface EvaluateSloOptions {
  /** Which objective to evaluate; default 0. */
  objectiveIndex?: number;
}

/** Remaining budget below which an SLO is at least `warning`. */
export const WARNING_REMAINING = 0.25;

const BURN_WINDOW_LENGTHS: ReadonlyArray<[BurnRateWindow, number]> =
  BURN_RATE_WINDOWS.map(label => [label, burnWindowMs(label)]);

/**
 * Evaluates one objective of an SLO at instant `at` (epoch ms; truncated to its
 * minute, so the minute in progress is not counted) from minute buckets and,
 * optionally, hourly rollups. See the package README for every formula.
 */
export function evaluateSlo(
  slo: SloDefinition,
  data: SliData,
  at: number,
  options: EvaluateSloOptions = {},
): SloEvaluation {
  const rules = objectiveRules(slo, options.objectiveIndex ?? 0);
  const objective = slo.objectives[options.objectiveIndex ?? 0];
  const now = floorToMinute(at);
  const window = resolveWindow(slo.timeWindow, now);
  const prepared = prepareData(data);
  const P = window.periodMinutes;

  const inWindow = aggregateRange(prepared, rules, window.start, window.end);
  const hasData = inWindow.minutesWithData > 0;
  const sli = sliOf(inWindow, rules);
  const errorBudget = budgetOf(inWindow, sli, rules, P, hasData);
  const remaining = errorBudget.remaining;

  const burnRates = burnRatesAt(prepared, rules, now);
  const alerts: BurnRateAlert[] = alertPolicy(P).map(rule => {
    const longBurnRate = burnRates[rule.longWindow];
    const shortBurnRate = burnRates[rule.shortWindow];
    return {
      ...rule,
      longBurnRate,
      shortBurnRate,
      firing:
        longBurnRate !== null &&
        shortBurnRate !== null &&
        longBurnRate >= rule.factor &&
        shortBurnRate >= rule.factor,
    };
  });

  const dayRate = burnRates['1d'];
  const exhaustionAt =
    remaining !== null && remaining > 0 && dayRate !== null && dayRate > 0
      ? new Date(now + ((remaining * P) / dayRate) * MINUTE_MS).toISOString()
      : null;

  const windowMinutes = (window.end - window.start) / MINUTE_MS;

  return {
    at: new Date(now).toISOString(),
    window: {
      start: new Date(window.start).toISOString(),
      end: new Date(window.end).toISOString(),
    },
    periodMinutes: P,
    objective: {
      target: rules.target,
      ...(objective.displayName !== undefined
        ? { displayName: objective.displayName }
        : {}),
    },
    sli,
    errorBudget,
    burnRates,
    alerts,
    exhaustion: { at: exhaustionAt },
    dataCoverage:
      windowMinutes > 0 ? inWindow.minutesWithData / windowMinutes : 0,
    status: remaining === null ? 'no-data' : statusOf(remaining, alerts),
  };
}

/** The SLI of a range, or null when the range holds no data. */
function sliOf(totals: RangeTotals, rules: ObjectiveRules): number | null {
  if (totals.total <= 0 || totals.slicesWithData === 0) return null;
  switch (rules.method) {
    case 'Occurrences':
      return totals.good / totals.total;
    case 'Timeslices':
      return totals.goodSlices / totals.slicesWithData;
    default:
      return totals.sliceRatioSum / totals.slicesWithData;
  }
}

/**
 * The error budget of the window. Without any data in the window nothing is
 * known about the budget: `consumed` and `remaining` are null, never 0 and 1.
 */
function budgetOf(
  totals: RangeTotals,
  sli: number | null,
  rules: ObjectiveRules,
  periodMinutes: number,
  hasData: boolean,
): ErrorBudget {
  let total: number;
  let consumed: number;
  if (rules.method === 'Occurrences') {
    // Bad events allowed among the events seen so far in the window.
    total = rules.allowance * totals.total;
    if (!hasData) {
      return { total, consumed: null, remaining: null, unit: 'events' };
    }
    consumed = total > 0 ? (totals.total - totals.good) / total : 0;
    return { total, consumed, remaining: 1 - consumed, unit: 'events' };
  }
  // Bad minutes allowed over the whole period.
  total = rules.allowance * periodMinutes;
  if (!hasData) {
    return { total, consumed: null, remaining: null, unit: 'minutes' };
  }
  if (rules.method === 'Timeslices') {
    const badSlices = totals.slicesWithData - totals.goodSlices;
    consumed = total > 0 ? (badSlices * rules.sliceMinutes) / total : 0;
  } else {
    consumed = sli === null ? 0 : (1 - sli) / rules.allowance;
  }
  return { total, consumed, remaining: 1 - consumed, unit: 'minutes' };
}

function burnRatesAt(
  data: PreparedData,
  rules: ObjectiveRules,
  now: number,
): Record<BurnRateWindow, number | null> {
  const rates = {} as Record<BurnRateWindow, number | null>;
  for (const [label, lengthMs] of BURN_WINDOW_LENGTHS) {
    const totals = aggregateRange(data, rules, now - lengthMs, now);
    const bad = badFraction(totals, rules);
    rates[label] = bad === null ? null : roundNoise(bad / rules.allowance);
  }
  return rates;
}

/** Share of the range that was bad, in the objective's own terms; null without data. */
function badFraction(
  totals: RangeTotals,
  rules: ObjectiveRules,
): number | null {
  if (totals.total <= 0 || totals.slicesWithData === 0) return null;
  switch (rules.method) {
    case 'Occurrences':
      return (totals.total - totals.good) / totals.total;
    case 'Timeslices':
      return (
        (totals.slicesWithData - totals.goodSlices) / totals.slicesWithData
      );
    default:
      return 1 - totals.sliceRatioSum / totals.slicesWithData;
  }
}

function statusOf(remaining: number, alerts: BurnRateAlert[]): SloStatusValue {
  if (remaining <= 0 || alerts.some(a => a.firing && a.severity === 'page')) {
    return 'critical';
  }
  if (
    remaining < WARNING_REMAINING ||
    alerts.some(a => a.firing && a.severity === 'ticket')
  ) {
    return 'warning';
  }
  return 'healthy';
}
