import {
  AuditorService,
  AuditorServiceEvent,
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  GateOverride,
  GateOverrideRequest,
  sloGateOverridePermission,
} from '@slo-kit/plugin-slo-common';
import type {
  GateOverrideStore,
  StoredGateOverride,
} from '@slo-kit/plugin-slo-node';
import type { Request } from 'express';
import { EntityVisibility } from '../routes/entityVisibility';

/** Someone to tell about an override's grant, revoke or expiry (notifications). */
export interface GateOverrideListener {
  overrideChanged(
    change: 'granted' | 'revoked' | 'expired',
    override: StoredGateOverride,
  ): Promise<void>;
}

type Caller = BackstageCredentials<
  BackstageUserPrincipal | BackstageServicePrincipal
>;

/** The answer shape of an override, with its state at `now`. */
export function toGateOverride(
  stored: StoredGateOverride,
  now: number,
): GateOverride {
  const iso = (ms: number | null) =>
    ms === null ? null : new Date(ms).toISOString();
  let state: GateOverride['state'] = 'active';
  if (stored.revokedAt !== null) state = 'revoked';
  else if (stored.expiresAt <= now) state = 'expired';
  return {
    id: stored.id,
    entityRef: stored.entityRef,
    environment: stored.environment,
    version: stored.version,
    reason: stored.reason,
    grantedBy: stored.grantedBy,
    grantedAt: new Date(stored.grantedAt).toISOString(),
    expiresAt: new Date(stored.expiresAt).toISOString(),
    state,
    revokedBy: stored.revokedBy,
    revokedAt: iso(stored.revokedAt),
    revokeReason: stored.revokeReason,
  };
}

/**
 * Overrides of the release gate: a person the permission policy grants
 * `slo.gate.override` on an entity (its SRE owners, in the demo policy) lets
 * its releases through for a bounded time, on the record. Every grant,
 * revoke and expiry is stored and sent to Backstage's auditor.
 */
export class GateOverrides {
  constructor(
    private readonly deps: {
      store: GateOverrideStore;
      visibility: EntityVisibility;
      permissions: PermissionsService;
      auditor: AuditorService;
      logger: LoggerService;
      /** Longest an override may last, in ms. */
      maxDurationMs: number;
      listeners?: GateOverrideListener[];
      now?: () => number;
    },
  ) {}

  private now() {
    return (this.deps.now ?? Date.now)();
  }

  async grant(
    body: GateOverrideRequest & { entityRef: string },
    credentials: Caller,
    request: Request,
  ): Promise<GateOverride> {
    const { entityRef } = body;
    const audit = await this.deps.auditor.createEvent({
      eventId: 'gate-override',
      severityLevel: 'high',
      request,
      meta: { actionType: 'grant', entityRef },
    });
    return this.audited(audit, async () => {
      const grantedBy = await this.assertMayOverride(entityRef, credentials);
      const now = this.now();
      const expiresAt = Date.parse(body.expiresAt);
      if (Number.isNaN(expiresAt)) {
        throw new InputError(
          `expiresAt: "${body.expiresAt}" is not an ISO 8601 date-time`,
        );
      }
      if (expiresAt <= now) {
        throw new InputError('expiresAt: must be in the future');
      }
      if (expiresAt > now + this.deps.maxDurationMs) {
        throw new InputError(
          `expiresAt: must be at most ${formatDuration(
            this.deps.maxDurationMs,
          )} ahead (slo.gate.overrides.maxDuration)`,
        );
      }
      const reason = checkedReason(body.reason);
      const id = await this.deps.store.addOverride({
        entityRef,
        environment: body.environment ?? null,
        version: body.version ?? null,
        reason,
        grantedBy,
        grantedAt: now,
        expiresAt,
      });
      const stored = (await this.deps.store.getOverride(id))!;
      this.deps.logger.info(
        `Gate override ${id} for ${entityRef} granted by ${grantedBy} until ${new Date(
          expiresAt,
        ).toISOString()}: ${reason}`,
      );
      await this.tell('granted', stored);
      return {
        result: toGateOverride(stored, now),
        meta: { overrideId: id, expiresAt: stored.expiresAt, reason },
      };
    });
  }

  async revoke(
    id: string,
    body: { reason: string },
    credentials: Caller,
    request: Request,
  ): Promise<GateOverride> {
    const audit = await this.deps.auditor.createEvent({
      eventId: 'gate-override',
      severityLevel: 'high',
      request,
      meta: { actionType: 'revoke', overrideId: id },
    });
    return this.audited(audit, async () => {
      const existing = await this.deps.store.getOverride(id);
      if (!existing) {
        throw new NotFoundError(`No gate override with id ${id}`);
      }
      const revokedBy = await this.assertMayOverride(
        existing.entityRef,
        credentials,
      );
      const reason = checkedReason(body.reason);
      const now = this.now();
      const revoked = await this.deps.store.revokeOverride(id, {
        revokedBy,
        revokedAt: now,
        reason,
      });
      if (!revoked) {
        throw new ConflictError(
          `Gate override ${id} is not active any more (${
            existing.revokedAt !== null ? 'revoked' : 'expired'
          })`,
        );
      }
      const stored = (await this.deps.store.getOverride(id))!;
      this.deps.logger.info(
        `Gate override ${id} for ${stored.entityRef} revoked by ${revokedBy}: ${reason}`,
      );
      await this.tell('revoked', stored);
      return {
        result: toGateOverride(stored, now),
        meta: { entityRef: stored.entityRef, reason },
      };
    });
  }

  /**
   * Records the expiry of overrides that ran out: each is claimed by one
   * replica, audited and reported once. Returns how many.
   */
  async recordExpiries(): Promise<number> {
    const now = this.now();
    const expired = await this.deps.store.claimExpiredOverrides(now);
    for (const override of expired) {
      const audit = await this.deps.auditor.createEvent({
        eventId: 'gate-override',
        severityLevel: 'medium',
        meta: {
          actionType: 'expire',
          overrideId: override.id,
          entityRef: override.entityRef,
          grantedBy: override.grantedBy,
          expiresAt: override.expiresAt,
        },
      });
      await audit.success();
      this.deps.logger.info(
        `Gate override ${override.id} for ${override.entityRef} (granted by ${override.grantedBy}) expired`,
      );
      await this.tell('expired', override);
    }
    return expired.length;
  }

  /**
   * Users only, for an entity in the catalog that they can see, when the
   * policy grants `slo.gate.override` on it. Returns the user's entity ref.
   */
  private async assertMayOverride(
    entityRef: string,
    credentials: Caller,
  ): Promise<string> {
    const { principal } = credentials;
    if (principal.type !== 'user') {
      throw new NotAllowedError(
        `${principal.subject} may not override the release gate: overrides are decisions of people (the SRE owner), made as a signed-in user`,
      );
    }
    const { entity } = await this.deps.visibility.readEntity(
      entityRef,
      credentials,
    );
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} found in the catalog`);
    }
    const [decision] = await this.deps.permissions.authorize(
      [{ permission: sloGateOverridePermission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You may not override the release gate of ${entityRef}: the permission policy does not grant ${sloGateOverridePermission.name} (in the default setup, only the entity's SRE owners may)`,
      );
    }
    return principal.userEntityRef;
  }

  private async audited<T>(
    audit: AuditorServiceEvent,
    run: () => Promise<{ result: T; meta: Record<string, string | number> }>,
  ): Promise<T> {
    try {
      const { result, meta } = await run();
      await audit.success({ meta });
      return result;
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  }

  private async tell(
    change: 'granted' | 'revoked' | 'expired',
    override: StoredGateOverride,
  ) {
    for (const listener of this.deps.listeners ?? []) {
      try {
        await listener.overrideChanged(change, override);
      } catch (error) {
        // The override stands; a failed notification is logged, not fatal.
        this.deps.logger.error(
          `Could not report the ${change} gate override ${override.id} for ${override.entityRef}`,
          error as Error,
        );
      }
    }
  }
}

/** The reason, trimmed; an InputError when it says too little. */
function checkedReason(text: string): string {
  const reason = text.trim();
  if (reason.length < 10) {
    throw new InputError('reason: must say why in at least 10 characters');
  }
  return reason;
}

function formatDuration(ms: number): string {
  const hours = ms / 3_600_000;
  return hours % 24 === 0 ? `${hours / 24} days` : `${hours} hours`;
}
