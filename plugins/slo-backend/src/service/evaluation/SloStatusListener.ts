import type {
  SloStatusRow,
  StoredSloDefinition,
} from '@slo-kit/plugin-slo-node';

/** One SLO as an evaluation cycle left it: its definition and the status written for it. */
export interface EvaluatedSlo {
  definition: StoredSloDefinition;
  status: SloStatusRow;
}

/**
 * Told about the statuses of each evaluation cycle once they are written,
 * e.g. to notify owners of status changes. What it throws is logged by the
 * evaluator and does not fail the cycle: the statuses are written already.
 */
export interface SloStatusListener {
  /** Resolves when done; what it resolves to is not used. */
  statusesWritten(slos: EvaluatedSlo[]): Promise<unknown>;
}
