import type {
  GateEvaluationRow,
  GateEvaluationStore,
  StoredGateEvaluation,
} from '@slo-kit/plugin-slo-node';
import { Knex } from 'knex';
import { toNumber } from './sql/columnValues';

const TABLE = 'slo_gate_evaluations';

/** {@link GateEvaluationStore} on knex (SQLite or PostgreSQL). */
export class KnexGateEvaluationStore implements GateEvaluationStore {
  constructor(private readonly db: Knex) {}

  async addEvaluation(evaluation: GateEvaluationRow): Promise<string> {
    const [row] = await this.db(TABLE)
      .insert({
        entity_ref: evaluation.entityRef,
        requested_by: evaluation.requestedBy,
        environment: evaluation.environment,
        version: evaluation.version,
        change_type: evaluation.changeType,
        decision: evaluation.decision.decision,
        enforced: evaluation.decision.enforced,
        policy_name: evaluation.decision.policy.name,
        decision_json: JSON.stringify(evaluation.decision),
        recorded_at: evaluation.recordedAt,
      })
      .returning('evaluation_id');
    const id = typeof row === 'object' ? row.evaluation_id : row;
    return String(id);
  }

  async listEvaluations(
    entityRef: string,
    options: { limit: number },
  ): Promise<StoredGateEvaluation[]> {
    const rows = await this.db(TABLE)
      .where({ entity_ref: entityRef })
      .orderBy([
        { column: 'recorded_at', order: 'desc' },
        { column: 'evaluation_id', order: 'desc' },
      ])
      .limit(options.limit)
      .select();
    return rows.map(row => ({
      id: String(row.evaluation_id),
      entityRef: row.entity_ref,
      requestedBy: row.requested_by,
      environment: row.environment ?? null,
      version: row.version ?? null,
      changeType: row.change_type ?? null,
      decision: JSON.parse(row.decision_json),
      recordedAt: toNumber(row.recorded_at),
    }));
  }

  async deleteEvaluationsBefore(before: number): Promise<number> {
    return this.db(TABLE).where('recorded_at', '<', before).delete();
  }
}
