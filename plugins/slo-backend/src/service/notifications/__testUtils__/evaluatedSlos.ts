import {
  BURN_RATE_WINDOWS,
  BurnRateAlert,
  BurnRateWindow,
  SloEvaluation,
  SloStatusValue,
} from '@slo-kit/plugin-slo-common';
import { sloDefinition } from '@slo-kit/plugin-slo-common/testUtils';
import type { StoredSloDefinition } from '@slo-kit/plugin-slo-node';
import type { EvaluatedSlo } from '../../evaluation/SloStatusListener';

export const AT = Date.UTC(2026, 10, 24, 12, 0);

/** A stored live SLO of `entityRef` with the objective display name `objective`. */
export function storedSlo(
  sloKey: number,
  entityRef = 'component:default/checkout-api',
  options: {
    name?: string;
    objective?: string;
    serviceOwner?: string | null;
    sreOwner?: string | null;
  } = {},
): StoredSloDefinition {
  const name = options.name ?? `slo-${sloKey}`;
  return {
    sloKey,
    id: `${entityRef}#${name}`,
    entityRef,
    name,
    definition: sloDefinition(name, {
      objectives: [
        { target: 0.999, displayName: options.objective ?? 'Availability' },
      ],
    }),
    origin: 'catalog',
    serviceOwner:
      options.serviceOwner === undefined
        ? 'group:default/payments'
        : options.serviceOwner,
    sreOwner:
      options.sreOwner === undefined ? 'group:default/sre' : options.sreOwner,
    createdAt: AT,
    updatedAt: AT,
    deletedAt: null,
    historyRevision: 0,
  };
}

/** A page alert over 1h / 5m at 14.4×, firing at the given burn rates. */
export function pageAlert(long: number, short: number): BurnRateAlert {
  return {
    severity: 'page',
    budgetShare: 0.02,
    longWindow: '1h',
    shortWindow: '5m',
    factor: 14.4,
    longBurnRate: long,
    shortBurnRate: short,
    firing: long >= 14.4 && short >= 14.4,
  };
}

/** An evaluation as the engine writes it, with the figures a notification shows. */
export function evaluation(figures: {
  status: SloStatusValue;
  remaining: number | null;
  sli: number | null;
  alerts?: BurnRateAlert[];
  periodDays?: number;
}): SloEvaluation {
  const periodMinutes = (figures.periodDays ?? 28) * 1440;
  const at = new Date(AT).toISOString();
  return {
    at,
    window: {
      start: new Date(AT - periodMinutes * 60_000).toISOString(),
      end: at,
    },
    periodMinutes,
    objective: { target: 0.999, displayName: 'Availability' },
    sli: figures.sli,
    errorBudget: {
      total: 1000,
      consumed: figures.remaining === null ? null : 1 - figures.remaining,
      remaining: figures.remaining,
      unit: 'events',
    },
    burnRates: Object.fromEntries(
      BURN_RATE_WINDOWS.map(w => [w, null]),
    ) as Record<BurnRateWindow, null>,
    alerts: figures.alerts ?? [],
    exhaustion: { at: null },
    dataCoverage: 1,
    status: figures.status,
  };
}

/** The SLO with a status row holding `figures`. */
export function evaluated(
  definition: StoredSloDefinition,
  figures: Parameters<typeof evaluation>[0],
): EvaluatedSlo {
  const e = evaluation(figures);
  return {
    definition,
    status: {
      sloKey: definition.sloKey,
      status: e.status,
      sli: e.sli,
      budgetRemaining: e.errorBudget.remaining,
      evaluation: e,
      evaluatedAt: AT,
      dataThrough: AT,
    },
  };
}

/** Figures of a status, by name. */
export const FIGURES = {
  exhausted: { status: 'critical', remaining: -0.677, sli: 0.99832 },
  paging: {
    status: 'critical',
    remaining: 0.41,
    sli: 0.9994,
    alerts: [pageAlert(20.06, 25)],
  },
  healthy: { status: 'healthy', remaining: 0.5, sli: 0.9995 },
  warning: { status: 'warning', remaining: 0.123, sli: 0.99912 },
  noData: { status: 'no-data', remaining: null, sli: null },
  error: { status: 'error', remaining: null, sli: null },
} satisfies Record<string, Parameters<typeof evaluation>[0]>;
