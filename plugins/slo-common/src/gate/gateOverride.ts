import type { GateOverrideSummary } from '../api/types';

/** An override as the gate sees it. */
export interface GateOverrideInput {
  id: string;
  /** User entity ref of the granter. */
  grantedBy: string;
  reason: string;
  /** Only releases to this environment; null for all. */
  environment: string | null;
  /** Only this version; null for all. */
  version: string | null;
  /** Epoch ms from which it no longer applies. */
  expiresAt: number;
  /** Epoch ms it was revoked; null while it stands. */
  revokedAt: number | null;
}

/**
 * The override that applies to a release, if any: not revoked, not expired
 * at `now`, and scoped to the asked environment and version or to all of
 * them. A question that names no environment (a page) is covered only by an
 * override for every environment; likewise for versions. The newest grant
 * wins when several apply (the list is newest first).
 */
export function applicableOverride(
  overrides: GateOverrideInput[],
  request: {
    now: number;
    environment?: string | null;
    version?: string | null;
  },
): GateOverrideInput | undefined {
  return overrides.find(
    o =>
      o.revokedAt === null &&
      o.expiresAt > request.now &&
      (o.environment === null || o.environment === request.environment) &&
      (o.version === null || o.version === request.version),
  );
}

/** What a decision says of the override that made it allow. */
export function summarizeOverride(
  override: GateOverrideInput,
): GateOverrideSummary {
  return {
    id: override.id,
    grantedBy: override.grantedBy,
    reason: override.reason,
    expiresAt: new Date(override.expiresAt).toISOString(),
  };
}
