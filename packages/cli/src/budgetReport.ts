import type { SloEvaluation } from '@slo-kit/plugin-slo-common';

/** One entry of `slo-kit budget` output. */
export interface BudgetReportEntry {
  name: string;
  /** Only for SLOs with more than one objective: which one this is. */
  objective?: number;
  sli: number | null;
  errorBudget: {
    total: number;
    /** Null when the window holds no data: nothing is known, never 0% used. */
    consumed: number | null;
    /** Null when the window holds no data: never 100% left. */
    remaining: number | null;
    unit: string;
  };
  burnRates: Record<string, number | null>;
  alerts: Array<{
    severity: string;
    longWindow: string;
    shortWindow: string;
    factor: number;
    firing: boolean;
  }>;
  exhaustion: { at: string | null };
  dataCoverage: number;
  status: string;
}

/** Shapes an evaluation for `slo-kit budget`: fractions as plain numbers, null where undefined. */
export function budgetReportEntry(
  name: string,
  evaluation: SloEvaluation,
  objective?: number,
): BudgetReportEntry {
  return {
    name,
    ...(objective !== undefined ? { objective } : {}),
    sli: clean(evaluation.sli),
    errorBudget: {
      total: clean(evaluation.errorBudget.total),
      consumed: clean(evaluation.errorBudget.consumed),
      remaining: clean(evaluation.errorBudget.remaining),
      unit: evaluation.errorBudget.unit,
    },
    burnRates: Object.fromEntries(
      Object.entries(evaluation.burnRates).map(([w, r]) => [w, clean(r)]),
    ),
    alerts: evaluation.alerts.map(a => ({
      severity: a.severity,
      longWindow: a.longWindow,
      shortWindow: a.shortWindow,
      factor: a.factor,
      firing: a.firing,
    })),
    exhaustion: { at: evaluation.exhaustion.at },
    dataCoverage: clean(evaluation.dataCoverage),
    status: evaluation.status,
  };
}

function clean<T extends number | null>(value: T): T {
  return (value === null ? null : Number(value.toPrecision(12))) as T;
}
