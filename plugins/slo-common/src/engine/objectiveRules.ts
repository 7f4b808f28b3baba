import type {
  BudgetingMethod,
  SloDefinition,
  ThresholdOperator,
} from '../openslo/types';
import { roundNoise } from './roundNoise';

/** What the engine needs to know about one objective of one SLO. */
export interface ObjectiveRules {
  method: BudgetingMethod;
  target: number;
  /** 1 - target, without floating-point noise. */
  allowance: number;
  /** Slice length in minutes (1 unless timeSliceWindow says otherwise). */
  sliceMinutes: number;
  /** Good-event ratio a slice needs to count as good (1 when not given). */
  sliceTarget: number;
  /** Set for threshold metrics: a minute's value is compared with it. */
  threshold?: { op: ThresholdOperator; value: number };
}

/** Picks objective `objectiveIndex` of `slo` and derives the engine's rules. */
export function objectiveRules(
  slo: SloDefinition,
  objectiveIndex = 0,
): ObjectiveRules {
  const objective = slo.objectives[objectiveIndex];
  if (!objective) {
    throw new RangeError(
      `SLO "${slo.name}" has ${slo.objectives.length} objective(s); there is no objective ${objectiveIndex}`,
    );
  }
  const threshold =
    slo.indicator.kind === 'threshold' &&
    objective.op !== undefined &&
    objective.value !== undefined
      ? { op: objective.op, value: objective.value }
      : undefined;
  return {
    method: slo.budgetingMethod,
    target: objective.target,
    allowance: roundNoise(1 - objective.target),
    sliceMinutes:
      slo.budgetingMethod === 'Occurrences'
        ? 1
        : objective.timeSliceWindowMinutes ?? 1,
    sliceTarget: objective.timeSliceTarget ?? 1,
    ...(threshold ? { threshold } : {}),
  };
}

/** Whether a threshold-metric measurement meets the objective. */
export function meetsThreshold(
  measured: number,
  op: ThresholdOperator,
  value: number,
): boolean {
  switch (op) {
    case 'lt':
      return measured < value;
    case 'lte':
      return measured <= value;
    case 'gt':
      return measured > value;
    default:
      return measured >= value;
  }
}
