import type { SloEvaluation } from '@slo-kit/plugin-slo-common';
import type { SloStatusRow } from '@slo-kit/plugin-slo-node';

/** The stored status of an SLO: the engine's evaluation and the columns pages sort and filter by. */
export function statusRowOf(
  sloKey: number,
  evaluation: SloEvaluation,
  evaluatedAt: number,
  dataThrough: number | null,
): SloStatusRow {
  return {
    sloKey,
    status: evaluation.status,
    sli: evaluation.sli,
    budgetRemaining: evaluation.errorBudget.remaining,
    evaluation,
    evaluatedAt,
    dataThrough,
  };
}
