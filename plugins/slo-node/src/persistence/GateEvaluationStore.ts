import type { GateDecision } from '@slo-kit/plugin-slo-common';

/**
 * One recorded evaluation of the release gate: who asked about which
 * change, and what the gate answered.
 *
 * @public
 */
export interface GateEvaluationRow {
  entityRef: string;
  /** User entity ref or principal subject of the caller. */
  requestedBy: string;
  environment: string | null;
  version: string | null;
  changeType: string | null;
  decision: GateDecision;
  /** Epoch ms the evaluation was recorded. */
  recordedAt: number;
}

/**
 * A recorded evaluation with its id.
 *
 * @public
 */
export interface StoredGateEvaluation extends GateEvaluationRow {
  id: string;
}

/**
 * The release gate's audit trail: evaluations callers (CI) asked to record.
 *
 * @public
 */
export interface GateEvaluationStore {
  /** Records one evaluation; returns its id. */
  addEvaluation(evaluation: GateEvaluationRow): Promise<string>;

  /** The newest `limit` evaluations of an entity, newest first. */
  listEvaluations(
    entityRef: string,
    options: { limit: number },
  ): Promise<StoredGateEvaluation[]>;

  /** Deletes evaluations recorded before `before`; returns how many. */
  deleteEvaluationsBefore(before: number): Promise<number>;
}
