import type { NotificationPayload } from '@backstage/plugin-notifications-common';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { GateEvaluation } from '@slo-kit/plugin-slo-common';
import type {
  SloStatusRow,
  StoredSloDefinition,
} from '@slo-kit/plugin-slo-node';
import type { DirectOwners } from '../ownership';
import type { StoredGateOverride } from '@slo-kit/plugin-slo-node';
import {
  GateOverrideChange,
  gateOverridePayload,
} from './gateOverrideMessages';
import { releaseBlockedPayload } from './releaseBlockedMessages';
import { sloCriticalPayload, sloRecoveredPayload } from './sloStatusMessages';

/** A status change of one SLO, with the owners of its entity. */
export interface SloStatusEvent {
  definition: StoredSloDefinition;
  status: SloStatusRow;
  owners: DirectOwners;
}

/** A recorded release-gate evaluation that blocks, with the owners of its entity. */
export interface ReleaseBlockedEvent {
  evaluation: GateEvaluation;
  owners: DirectOwners;
}

/** `sent`, or `no-recipients` when the entity names none of the owners to tell. */
export type NotifyOutcome = 'sent' | 'no-recipients';

/**
 * Tells the owners of an entity what happened to its reliability, through
 * Backstage's notification service: one method per event, each choosing the
 * owners to tell and building the notification (title, description, link to
 * the Reliability tab, severity, topic and scope). A failed send throws;
 * callers decide whether to retry. Deciding *when* an event happened (once
 * per status change, across replicas) is not its job, see
 * `SloStatusNotifications`.
 *
 * Further events are one method each: build a payload and call
 * {@link SloNotifier.notifyOwners}.
 */
export class SloNotifier {
  constructor(private readonly deps: { notifications: NotificationService }) {}

  /** An SLO turned critical: its SRE owner and service owner. */
  sloTurnedCritical(event: SloStatusEvent): Promise<NotifyOutcome> {
    return this.notifyOwners(
      [event.owners.sreOwner, event.owners.serviceOwner],
      sloCriticalPayload(event.definition, event.status),
    );
  }

  /** A critical SLO is healthy or warning again: its SRE owner and service owner. */
  sloRecovered(event: SloStatusEvent): Promise<NotifyOutcome> {
    return this.notifyOwners(
      [event.owners.sreOwner, event.owners.serviceOwner],
      sloRecoveredPayload(event.definition, event.status),
    );
  }

  /** The release gate blocked (or, advisory, would block) a recorded release: the service owner. */
  releaseBlocked(event: ReleaseBlockedEvent): Promise<NotifyOutcome> {
    return this.notifyOwners(
      [event.owners.serviceOwner],
      releaseBlockedPayload(event.evaluation),
    );
  }

  /** An override of the release gate was granted, revoked or expired: the SRE owner and the service owner. */
  gateOverrideChanged(event: {
    change: GateOverrideChange;
    override: StoredGateOverride;
    owners: DirectOwners;
  }): Promise<NotifyOutcome> {
    return this.notifyOwners(
      [event.owners.sreOwner, event.owners.serviceOwner],
      gateOverridePayload(event.change, event.override),
    );
  }

  /**
   * Sends `payload` to the given owner groups (each once; nulls skipped).
   * The notifications backend resolves each group to its member users.
   */
  async notifyOwners(
    owners: Array<string | null>,
    payload: NotificationPayload,
  ): Promise<NotifyOutcome> {
    const entityRef = [
      ...new Set(owners.filter((o): o is string => Boolean(o))),
    ];
    if (entityRef.length === 0) return 'no-recipients';
    await this.deps.notifications.send({
      recipients: { type: 'entity', entityRef },
      payload,
    });
    return 'sent';
  }
}
