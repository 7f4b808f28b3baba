import type {
  GateOverrideGrant,
  GateOverrideStore,
  StoredGateOverride,
} from '@slo-kit/plugin-slo-node';
import { Knex } from 'knex';
import { toNumber } from './sql/columnValues';

const TABLE = 'slo_gate_overrides';

function toOverride(row: any): StoredGateOverride {
  const orNull = (value: unknown) =>
    value === null || value === undefined ? null : toNumber(value as any);
  return {
    id: String(row.override_id),
    entityRef: row.entity_ref,
    environment: row.environment ?? null,
    version: row.version ?? null,
    reason: row.reason,
    grantedBy: row.granted_by,
    grantedAt: toNumber(row.granted_at),
    expiresAt: toNumber(row.expires_at),
    revokedBy: row.revoked_by ?? null,
    revokedAt: orNull(row.revoked_at),
    revokeReason: row.revoke_reason ?? null,
    expiryRecordedAt: orNull(row.expiry_recorded_at),
  };
}

/** Ids are whole numbers; anything else names no override. */
function overrideId(id: string): number | undefined {
  return /^[1-9][0-9]{0,15}$/.test(id) ? Number(id) : undefined;
}

/** {@link GateOverrideStore} on knex (SQLite or PostgreSQL). */
export class KnexGateOverrideStore implements GateOverrideStore {
  constructor(private readonly db: Knex) {}

  async addOverride(grant: GateOverrideGrant): Promise<string> {
    const [row] = await this.db(TABLE)
      .insert({
        entity_ref: grant.entityRef,
        environment: grant.environment,
        version: grant.version,
        reason: grant.reason,
        granted_by: grant.grantedBy,
        granted_at: grant.grantedAt,
        expires_at: grant.expiresAt,
      })
      .returning('override_id');
    return String(typeof row === 'object' ? row.override_id : row);
  }

  async getOverride(id: string): Promise<StoredGateOverride | undefined> {
    const key = overrideId(id);
    if (key === undefined) return undefined;
    const row = await this.db(TABLE).where({ override_id: key }).first();
    return row ? toOverride(row) : undefined;
  }

  async listActiveOverrides(
    entityRefs: string[],
    now: number,
  ): Promise<StoredGateOverride[]> {
    if (entityRefs.length === 0) return [];
    const rows = await this.db(TABLE)
      .whereIn('entity_ref', entityRefs)
      .whereNull('revoked_at')
      .where('expires_at', '>', now)
      .orderBy([
        { column: 'granted_at', order: 'desc' },
        { column: 'override_id', order: 'desc' },
      ]);
    return rows.map(toOverride);
  }

  async listOverrides(
    entityRef: string,
    options: { limit: number },
  ): Promise<StoredGateOverride[]> {
    const rows = await this.db(TABLE)
      .where({ entity_ref: entityRef })
      .orderBy([
        { column: 'granted_at', order: 'desc' },
        { column: 'override_id', order: 'desc' },
      ])
      .limit(options.limit);
    return rows.map(toOverride);
  }

  async revokeOverride(
    id: string,
    revoke: { revokedBy: string; revokedAt: number; reason: string },
  ): Promise<boolean> {
    const key = overrideId(id);
    if (key === undefined) return false;
    const updated = await this.db(TABLE)
      .where({ override_id: key })
      .whereNull('revoked_at')
      .where('expires_at', '>', revoke.revokedAt)
      .update({
        revoked_by: revoke.revokedBy,
        revoked_at: revoke.revokedAt,
        revoke_reason: revoke.reason,
      });
    return updated === 1;
  }

  async claimExpiredOverrides(now: number): Promise<StoredGateOverride[]> {
    const due = await this.db(TABLE)
      .whereNull('revoked_at')
      .whereNull('expiry_recorded_at')
      .where('expires_at', '<=', now);
    const claimed: StoredGateOverride[] = [];
    for (const row of due) {
      // Only the replica whose update changes the row reports the expiry.
      const updated = await this.db(TABLE)
        .where({ override_id: row.override_id })
        .whereNull('expiry_recorded_at')
        .update({ expiry_recorded_at: now });
      if (updated === 1) {
        claimed.push({ ...toOverride(row), expiryRecordedAt: now });
      }
    }
    return claimed;
  }
}
