import { LoggerService } from '@backstage/backend-plugin-api';
import { MINUTE_MS, SloStatusValue } from '@slo-kit/plugin-slo-common';
import type {
  SloNotificationClaim,
  SloNotificationStateStore,
  SloNotifiedStatus,
} from '@slo-kit/plugin-slo-node';
import type { DirectOwners } from '../ownership';
import type {
  EvaluatedSlo,
  SloStatusListener,
} from '../evaluation/SloStatusListener';
import type { EntityOwnersReader } from './EntityOwnersReader';
import type { SloNotifier } from './SloNotifier';

/**
 * How long a claim may stay unsettled before it is taken for abandoned (its
 * replica stopped or hung while sending) and released, so the change is
 * announced again. Well above the time a send takes and the evaluation job's
 * default timeout (5 minutes).
 */
export const CLAIM_LEASE_MS = 15 * MINUTE_MS;

/**
 * Status changes announced per cycle at most; the others wait for the next
 * cycle (they are not claimed), so a burst (e.g. the first cycle after
 * installing SLO Kit over many exhausted budgets) never holds up evaluation.
 */
export const MAX_CHANGES_PER_CYCLE = 100;

/** Failed sends in a row after which a cycle stops trying (the notifications backend is likely down). */
export const MAX_FAILURES_IN_A_ROW = 3;

/** Statuses that end a critical episode; `no-data` and `error` say nothing either way. */
const CLEAR_STATUSES: ReadonlySet<SloStatusValue> = new Set([
  'healthy',
  'warning',
]);

interface StatusChange {
  slo: EvaluatedSlo;
  to: SloNotifiedStatus;
}

/** What one cycle announced. */
export interface StatusNotificationsResult {
  /** Changes announced (or settled without anyone to tell). */
  sent: number;
  /** Changes whose send failed, or that were not tried after failures; claimed again next cycle. */
  failed: number;
  /** Changes over {@link MAX_CHANGES_PER_CYCLE}, left for the next cycle. */
  deferred: number;
}

/**
 * Announces SLO status changes to their owners, once per change across
 * replicas and restarts. After each evaluation cycle it compares the written
 * statuses with what the owners were last told (kept in the database): an
 * SLO that is `critical` and was not announced so turns critical; one
 * announced critical that is `healthy` or `warning` again recovers. The
 * first evaluation of an SLO that is already critical is announced; a
 * healthy one is not (nothing was told, nothing changed).
 *
 * Each change is claimed with a compare-and-set in the
 * {@link SloNotificationStateStore} that only one replica can win, then
 * sent, then settled. When a send fails the claim is released (the state
 * goes back to what it was) and the failure logged, so the next cycle claims
 * and sends it again; a claim never settled nor released (the replica
 * stopped mid-send) is released after {@link CLAIM_LEASE_MS}. A send that
 * succeeded but could not be settled may so be sent twice; its scope makes
 * the second update the first notification rather than add one.
 */
export class SloStatusNotifications implements SloStatusListener {
  private readonly clock: () => number;

  constructor(
    private readonly deps: {
      states: SloNotificationStateStore;
      notifier: Pick<SloNotifier, 'sloTurnedCritical' | 'sloRecovered'>;
      owners: Pick<EntityOwnersReader, 'read'>;
      logger: LoggerService;
      clock?: () => number;
    },
  ) {
    this.clock = deps.clock ?? Date.now;
  }

  async statusesWritten(
    slos: EvaluatedSlo[],
  ): Promise<StatusNotificationsResult> {
    const now = this.clock();
    const changes = await this.findChanges(slos, now);
    const due = changes.slice(0, MAX_CHANGES_PER_CYCLE);
    const deferred = changes.length - due.length;
    if (deferred > 0) {
      this.deps.logger.info(
        `${changes.length} SLO status changes to announce; ${deferred} wait for the next evaluation cycle`,
      );
    }
    if (due.length === 0) return { sent: 0, failed: 0, deferred };

    const owners = await this.ownersOf(due);
    const claims = await this.claim(due, now);
    const result = await this.announce(due, claims, owners);
    return { ...result, deferred };
  }

  /** The SLOs whose status differs from what their owners were told, in evaluation order. */
  private async findChanges(
    slos: EvaluatedSlo[],
    now: number,
  ): Promise<StatusChange[]> {
    const { states, logger } = this.deps;
    let notable = await states.listNotableStates();
    const leaseStart = now - CLAIM_LEASE_MS;
    if (notable.some(s => s.claimedAt !== null && s.claimedAt < leaseStart)) {
      const released = await states.releaseClaimsBefore(leaseStart);
      if (released > 0) {
        logger.warn(
          `Released ${released} SLO notification claim(s) not settled within ${
            CLAIM_LEASE_MS / MINUTE_MS
          } minutes (a replica stopped or hung while sending); they are announced again`,
        );
      }
      notable = await states.listNotableStates();
    }
    const inFlight = new Set<number>();
    const critical = new Set<number>();
    for (const state of notable) {
      if (state.claimedAt !== null) inFlight.add(state.sloKey);
      else if (state.notified === 'critical') critical.add(state.sloKey);
    }

    const changes: StatusChange[] = [];
    for (const slo of slos) {
      const key = slo.definition.sloKey;
      if (inFlight.has(key)) continue;
      const status = slo.status.status;
      if (status === 'critical' && !critical.has(key)) {
        changes.push({ slo, to: 'critical' });
      } else if (CLEAR_STATUSES.has(status) && critical.has(key)) {
        changes.push({ slo, to: 'clear' });
      }
    }
    return changes;
  }

  /**
   * Owners from the catalog, as the release gate reads them; for entities
   * the catalog does not know (registered ahead of it), the owners recorded
   * with the SLO.
   */
  private async ownersOf(
    changes: StatusChange[],
  ): Promise<Map<number, DirectOwners>> {
    const fromCatalog = await this.deps.owners.read(
      changes.map(c => c.slo.definition.entityRef),
    );
    return new Map(
      changes.map(({ slo: { definition } }) => [
        definition.sloKey,
        fromCatalog.get(definition.entityRef) ?? {
          serviceOwner: definition.serviceOwner,
          sreOwner: definition.sreOwner,
        },
      ]),
    );
  }

  private async claim(
    changes: StatusChange[],
    now: number,
  ): Promise<SloNotificationClaim[]> {
    const keysTo = (to: SloNotifiedStatus) =>
      changes.filter(c => c.to === to).map(c => c.slo.definition.sloKey);
    const claims: SloNotificationClaim[] = [];
    for (const to of ['critical', 'clear'] as const) {
      const keys = keysTo(to);
      if (keys.length > 0) {
        claims.push(await this.deps.states.claimChanges(keys, to, now));
      }
    }
    return claims;
  }

  /**
   * Sends the claimed changes one by one, settling each right after its send
   * (or releasing it when the send failed). After
   * {@link MAX_FAILURES_IN_A_ROW} failed sends in a row the rest are released
   * without trying.
   */
  private async announce(
    changes: StatusChange[],
    claims: SloNotificationClaim[],
    owners: Map<number, DirectOwners>,
  ): Promise<Omit<StatusNotificationsResult, 'deferred'>> {
    const { notifier, states, logger } = this.deps;
    const claimOf = new Map<number, SloNotificationClaim>();
    for (const claim of claims) {
      for (const key of claim.sloKeys) claimOf.set(key, claim);
    }
    let sent = 0;
    let failed = 0;
    let failuresInARow = 0;
    const untried = new Map<SloNotificationClaim, number[]>();
    for (const { slo, to } of changes) {
      const key = slo.definition.sloKey;
      const claim = claimOf.get(key);
      // Another replica won this change, or it changed meanwhile.
      if (!claim) continue;
      if (failuresInARow >= MAX_FAILURES_IN_A_ROW) {
        untried.set(claim, [...(untried.get(claim) ?? []), key]);
        continue;
      }
      const what = to === 'critical' ? 'turned critical' : 'recovered';
      const event = {
        definition: slo.definition,
        status: slo.status,
        owners: owners.get(key)!,
      };
      let outcome;
      try {
        outcome =
          to === 'critical'
            ? await notifier.sloTurnedCritical(event)
            : await notifier.sloRecovered(event);
      } catch (error) {
        logger.error(
          `Could not notify the owners of SLO ${slo.definition.id} that it ${what}; it is tried again next evaluation cycle`,
          error instanceof Error ? error : new Error(String(error)),
        );
        await states.releaseClaim(claim, [key]);
        failed++;
        failuresInARow++;
        continue;
      }
      await states.settleClaim(claim, [key]);
      sent++;
      failuresInARow = 0;
      if (outcome === 'no-recipients') {
        logger.warn(
          `SLO ${slo.definition.id} ${what}, but its entity names no service owner or SRE owner to notify`,
        );
      }
    }
    for (const [claim, keys] of untried) {
      await states.releaseClaim(claim, keys);
      failed += keys.length;
    }
    if (untried.size > 0) {
      logger.error(
        `Stopped sending SLO notifications after ${MAX_FAILURES_IN_A_ROW} failures in a row; the remaining status changes are tried again next evaluation cycle`,
      );
    }
    if (sent > 0) {
      logger.info(`Notified the owners of ${sent} SLO status change(s)`);
    }
    return { sent, failed };
  }
}
