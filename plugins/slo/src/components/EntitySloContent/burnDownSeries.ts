import {
  MINUTE_MS,
  type SloEvaluation,
  type SloHistoryResponse,
} from '@slo-kit/plugin-slo-common';

/** One x position of the burn-down chart; absent values leave gaps. */
export interface BurnDownPoint {
  /** Epoch milliseconds. */
  t: number;
  /** Budget left in percent, as observed. */
  remaining?: number;
  /** Budget left in percent on the ideal straight-line burn. */
  ideal?: number;
  /** Budget left in percent if the current 1d burn rate holds. */
  forecast?: number;
}

/**
 * Builds the burn-down series: observed budget from the history, the ideal
 * straight line from 100% at the window's start to 0% at the end of the
 * period, and the forecast from now to the exhaustion instant.
 */
export function buildBurnDownSeries(
  history: SloHistoryResponse,
  evaluation: SloEvaluation,
): { points: BurnDownPoint[]; domain: [number, number] } {
  const start = Date.parse(evaluation.window.start);
  const end = start + evaluation.periodMinutes * MINUTE_MS;
  const byTime = new Map<number, BurnDownPoint>();
  const at = (t: number) => {
    let point = byTime.get(t);
    if (!point) {
      point = { t };
      byTime.set(t, point);
    }
    return point;
  };

  for (const point of history.points) {
    if (point.budgetRemaining !== null) {
      at(Date.parse(point.at)).remaining = point.budgetRemaining * 100;
    }
  }
  at(start).ideal = 100;
  at(end).ideal = 0;

  const now = Date.parse(evaluation.at);
  const remaining = evaluation.errorBudget.remaining;
  if (evaluation.exhaustion.at && remaining !== null && remaining > 0) {
    at(now).forecast = remaining * 100;
    at(Date.parse(evaluation.exhaustion.at)).forecast = 0;
  }

  const points = [...byTime.values()].sort((a, b) => a.t - b.t);
  const lastT = points.length > 0 ? points[points.length - 1].t : end;
  return {
    points,
    domain: [Math.min(start, points[0]?.t ?? start), Math.max(end, lastT)],
  };
}
