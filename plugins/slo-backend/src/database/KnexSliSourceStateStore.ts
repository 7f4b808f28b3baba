import type {
  SliSourceState,
  SliSourceStateStore,
} from '@slo-kit/plugin-slo-node';
import { Knex } from 'knex';
import { chunk, keysPerStatement } from './sql/batchSizes';
import { toNullableNumber, toNumber } from './sql/columnValues';

const TABLE = 'slo_sli_source_states';

/** Longest error message kept; the full one is in the backend log. */
const MAX_ERROR_LENGTH = 1000;

/** {@link SliSourceStateStore} on knex (SQLite or PostgreSQL). */
export class KnexSliSourceStateStore implements SliSourceStateStore {
  constructor(private readonly db: Knex) {}

  async listSourceStates(sloKeys: number[]): Promise<SliSourceState[]> {
    const states: SliSourceState[] = [];
    for (const part of chunk([...new Set(sloKeys)], keysPerStatement(0))) {
      const rows = await this.db(TABLE)
        .whereIn('slo_key', part)
        .orderBy(['slo_key', 'source_type'])
        .select();
      for (const row of rows) {
        states.push({
          sloKey: toNumber(row.slo_key),
          sourceType: row.source_type,
          pulledThrough: toNullableNumber(row.pulled_through),
          backfillFrom: toNullableNumber(row.backfill_from),
          failingSince: toNullableNumber(row.failing_since),
          lastError: row.last_error ?? null,
          fingerprint: row.fingerprint ?? null,
          updatedAt: toNumber(row.updated_at),
        });
      }
    }
    return states;
  }

  async recordPulled(
    state: {
      sloKey: number;
      sourceType: string;
      pulledThrough: number;
      backfillFrom?: number;
      fingerprint: string;
    },
    now: number,
  ): Promise<void> {
    const pulled = {
      pulled_through: state.pulledThrough,
      fingerprint: state.fingerprint,
      failing_since: null,
      last_error: null,
      updated_at: now,
    };
    const backfill =
      state.backfillFrom === undefined
        ? {}
        : { backfill_from: state.backfillFrom };
    await this.db(TABLE)
      .insert({
        slo_key: state.sloKey,
        source_type: state.sourceType,
        ...pulled,
        ...backfill,
      })
      .onConflict(['slo_key', 'source_type'])
      .merge({ ...pulled, ...backfill });
  }

  async recordFailure(
    state: { sloKey: number; sourceType: string; error: string },
    now: number,
  ): Promise<void> {
    const lastError = state.error.slice(0, MAX_ERROR_LENGTH);
    await this.db(TABLE)
      .insert({
        slo_key: state.sloKey,
        source_type: state.sourceType,
        failing_since: now,
        last_error: lastError,
        updated_at: now,
      })
      .onConflict(['slo_key', 'source_type'])
      .merge({
        // The first failure of a run of failures is kept.
        failing_since: this.db.raw(
          `coalesce(${TABLE}.failing_since, excluded.failing_since)`,
        ),
        last_error: lastError,
        updated_at: now,
      });
  }
}
