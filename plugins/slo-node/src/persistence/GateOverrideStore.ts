/**
 * A grant by a person (the SRE owner) to let an entity's releases through the
 * gate for a bounded time, whatever the rules say.
 *
 * @public
 */
export interface GateOverrideGrant {
  entityRef: string;
  /** Only releases to this environment; null for every environment. */
  environment: string | null;
  /** Only this version; null for every version. */
  version: string | null;
  /** Why, in the granter's words (at least 10 characters). */
  reason: string;
  /** User entity ref of the granter. */
  grantedBy: string;
  /** Epoch ms. */
  grantedAt: number;
  /** Epoch ms from which the override no longer applies. */
  expiresAt: number;
}

/**
 * An override as stored, with how it ended, if it has.
 *
 * @public
 */
export interface StoredGateOverride extends GateOverrideGrant {
  id: string;
  revokedBy: string | null;
  /** Epoch ms. */
  revokedAt: number | null;
  revokeReason: string | null;
  /** Epoch ms the expiry was noticed and recorded (audited, notified); null until then. */
  expiryRecordedAt: number | null;
}

/**
 * Gate overrides and their history: every grant, revoke and expiry is kept.
 *
 * @public
 */
export interface GateOverrideStore {
  /** Stores a grant; returns its id. */
  addOverride(grant: GateOverrideGrant): Promise<string>;

  /** One override by id, undefined when there is none. */
  getOverride(id: string): Promise<StoredGateOverride | undefined>;

  /**
   * Overrides of the given entities that are neither revoked nor expired at
   * `now`, newest grant first.
   */
  listActiveOverrides(
    entityRefs: string[],
    now: number,
  ): Promise<StoredGateOverride[]>;

  /** Every override of an entity, newest grant first. */
  listOverrides(
    entityRef: string,
    options: { limit: number },
  ): Promise<StoredGateOverride[]>;

  /**
   * Revokes an override that is still active at `revokedAt`; false when it
   * was revoked or had expired already (then nothing changes).
   */
  revokeOverride(
    id: string,
    revoke: { revokedBy: string; revokedAt: number; reason: string },
  ): Promise<boolean>;

  /**
   * Claims the overrides that expired (not revoked) before `now` and whose
   * expiry is not recorded yet, marking them recorded at `now`; returns
   * those this call claimed, so that with several replicas each expiry is
   * reported once.
   */
  claimExpiredOverrides(now: number): Promise<StoredGateOverride[]>;
}
