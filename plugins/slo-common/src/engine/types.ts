import type { SloDefinition } from '../openslo/types';
import type { RangeTotals } from './rangeTotals';
import type { BurnRateWindow } from './burnWindows';

/**
 * One minute of SLI data for one SLO: counts, not ratios.
 * `start` is epoch milliseconds on a minute boundary (UTC).
 * For threshold metrics `value` carries the measured value of the minute;
 * `good`/`total` then count the samples (1/1 when the sender pre-judged).
 */
export interface MinuteBucket {
  start: number;
  good: number;
  total: number;
  value?: number | null;
}

/**
 * One hour of SLI data for one SLO, computed from its minute buckets by
 * {@link computeHourRollup}. Slice fields depend on the SLO's slice settings,
 * so a rollup belongs to exactly one SLO definition.
 */
export interface HourRollup extends RangeTotals {
  /** Epoch ms on an hour boundary (UTC). */
  start: number;
}

/** Input to the engine: rollups for whole hours plus minute buckets for the rest. */
export interface SliData {
  /** Hourly rollups; used for every whole hour they cover. */
  rollups?: HourRollup[];
  /** Minute buckets; any minute not inside a supplied rollup's hour is read from here. */
  minutes: MinuteBucket[];
}

/**
 * State of an SLO. `error` means the backend could not evaluate it (the
 * evaluation's `error` says why); the engine itself never returns it.
 */
export type SloStatusValue =
  | 'healthy'
  | 'warning'
  | 'critical'
  | 'no-data'
  | 'error';

export type AlertSeverity = 'page' | 'ticket';

export interface BurnRateAlert {
  severity: AlertSeverity;
  /** Share of the period's budget this alert guards, e.g. 0.02. */
  budgetShare: number;
  longWindow: BurnRateWindow;
  shortWindow: BurnRateWindow;
  /** Burn-rate threshold: budgetShare * period / longWindow. */
  factor: number;
  longBurnRate: number | null;
  shortBurnRate: number | null;
  firing: boolean;
}

export interface ErrorBudget {
  /** Budget in `unit` over the whole period (events allowed to fail, or bad minutes). */
  total: number;
  /**
   * Fraction of the budget used (may exceed 1); null when the window holds no
   * data, since nothing is known then.
   */
  consumed: number | null;
  /** 1 - consumed (may go below 0); null when the window holds no data. */
  remaining: number | null;
  unit: 'events' | 'minutes';
}

/** Everything the engine says about one SLO objective at one instant. */
export interface SloEvaluation {
  /** Evaluation instant, ISO 8601 UTC. */
  at: string;
  /** Window evaluated, ISO 8601 UTC, [start, end). */
  window: { start: string; end: string };
  /** Whole period length in minutes (D for rolling, the current calendar period otherwise). */
  periodMinutes: number;
  objective: { target: number; displayName?: string };
  sli: number | null;
  errorBudget: ErrorBudget;
  burnRates: Record<BurnRateWindow, number | null>;
  alerts: BurnRateAlert[];
  exhaustion: { at: string | null };
  /** Minute buckets with data / minutes in the window so far. */
  dataCoverage: number;
  status: SloStatusValue;
  /** Why the SLO could not be evaluated; set only with status `error`. */
  error?: string;
}

export type { SloDefinition };
