import type {
  SloNotificationClaim,
  SloNotificationState,
  SloNotificationStateStore,
  SloNotifiedStatus,
} from '@slo-kit/plugin-slo-node';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { chunk, keysPerStatement, rowsPerKnexInsert } from './sql/batchSizes';
import { toNullableNumber, toNumber } from './sql/columnValues';

const TABLE = 'slo_notification_states';

function opposite(notified: SloNotifiedStatus): SloNotifiedStatus {
  return notified === 'critical' ? 'clear' : 'critical';
}

/**
 * {@link SloNotificationStateStore} on knex (SQLite or PostgreSQL). A claim
 * is a conditional write: an `update` that only matches a settled row in the
 * opposite state, and for a change to `critical` an `insert ... on conflict
 * do nothing` for SLOs without a row. Both engines apply each statement
 * atomically, so of two replicas claiming the same change, exactly one
 * writes its claim id; the claim then reads back the rows holding its id.
 */
export class KnexSloNotificationStateStore
  implements SloNotificationStateStore
{
  constructor(private readonly db: Knex) {}

  async listNotableStates(): Promise<SloNotificationState[]> {
    const rows = await this.db(TABLE)
      .where('notified', 'critical')
      .orWhereNotNull('claim_id')
      .orderBy('slo_key')
      .select('slo_key', 'notified', 'claimed_at');
    return rows.map(row => ({
      sloKey: toNumber(row.slo_key),
      notified: row.notified,
      claimedAt: toNullableNumber(row.claimed_at),
    }));
  }

  async claimChanges(
    sloKeys: number[],
    notified: SloNotifiedStatus,
    now: number,
  ): Promise<SloNotificationClaim> {
    const id = randomUUID();
    const keys = [...new Set(sloKeys)].sort((a, b) => a - b);
    if (keys.length === 0) {
      return { id, notified, sloKeys: [] };
    }
    const claimed = {
      notified,
      claim_id: id,
      claimed_at: now,
      updated_at: now,
    };
    for (const part of chunk(keys, keysPerStatement(5))) {
      await this.db(TABLE)
        .whereIn('slo_key', part)
        .andWhere('notified', opposite(notified))
        .whereNull('claim_id')
        .update(claimed);
    }
    if (notified === 'critical') {
      // No row means `clear`: the first change to critical inserts it.
      for (const part of chunk(keys, rowsPerKnexInsert(5))) {
        await this.db(TABLE)
          .insert(part.map(sloKey => ({ slo_key: sloKey, ...claimed })))
          .onConflict('slo_key')
          .ignore();
      }
    }
    const won = await this.db(TABLE)
      .where('claim_id', id)
      .orderBy('slo_key')
      .select('slo_key');
    return { id, notified, sloKeys: won.map(row => toNumber(row.slo_key)) };
  }

  async settleClaim(
    claim: SloNotificationClaim,
    sloKeys: number[],
  ): Promise<void> {
    for (const part of chunk(sloKeys, keysPerStatement(3))) {
      await this.db(TABLE)
        .where('claim_id', claim.id)
        .whereIn('slo_key', part)
        .update({ claim_id: null, claimed_at: null });
    }
  }

  async releaseClaim(
    claim: SloNotificationClaim,
    sloKeys: number[],
  ): Promise<void> {
    for (const part of chunk(sloKeys, keysPerStatement(4))) {
      await this.db(TABLE)
        .where('claim_id', claim.id)
        .whereIn('slo_key', part)
        .update({
          notified: opposite(claim.notified),
          claim_id: null,
          claimed_at: null,
        });
    }
  }

  async releaseClaimsBefore(claimedBefore: number): Promise<number> {
    return await this.db(TABLE)
      .whereNotNull('claim_id')
      .andWhere('claimed_at', '<', claimedBefore)
      .update({
        notified: this.db.raw(
          "case when notified = 'critical' then 'clear' else 'critical' end",
        ),
        claim_id: null,
        claimed_at: null,
      });
  }
}
