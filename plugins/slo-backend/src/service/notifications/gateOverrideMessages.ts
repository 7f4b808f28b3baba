import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationPayload } from '@backstage/plugin-notifications-common';
import { reliabilityTabLink } from '@slo-kit/plugin-slo-common';
import type { StoredGateOverride } from '@slo-kit/plugin-slo-node';
import { RELEASE_GATE_TOPIC } from './releaseBlockedMessages';

/** What happened to an override. */
export type GateOverrideChange = 'granted' | 'revoked' | 'expired';

/** `sam.sre` of `user:default/sam.sre`. */
function personName(userEntityRef: string): string {
  try {
    return parseEntityRef(userEntityRef).name;
  } catch {
    return userEntityRef;
  }
}

/** ` for version 1.4.1 to production`, or nothing for an override of every release. */
function scopePhrase(override: StoredGateOverride): string {
  const version = override.version ? ` of version ${override.version}` : '';
  const environment = override.environment ? ` to ${override.environment}` : '';
  return `${version}${environment}`;
}

/**
 * An override granted ("checkout-api: release gate overridden by sam.sre
 * until 2026-11-30 18:00 UTC"), revoked or expired, with who and why. One
 * notification per override (scope), updated as it ends.
 */
export function gateOverridePayload(
  change: GateOverrideChange,
  override: StoredGateOverride,
): NotificationPayload {
  const entityName = parseEntityRef(override.entityRef).name;
  const until = new Date(override.expiresAt)
    .toISOString()
    .replace('T', ' ')
    .slice(0, 16);
  const granter = personName(override.grantedBy);
  const releases = `releases${scopePhrase(override)}`;
  const titles: Record<GateOverrideChange, string> = {
    granted: `${entityName}: release gate overridden by ${granter} until ${until} UTC`,
    revoked: `${entityName}: release gate override revoked`,
    expired: `${entityName}: release gate override expired`,
  };
  const descriptions: Record<GateOverrideChange, string> = {
    granted: `${granter} lets ${releases} through the release gate until ${until} UTC: ${override.reason}`,
    revoked: `${personName(
      override.revokedBy ?? '',
    )} revoked ${granter}'s override (${override.reason}): ${
      override.revokeReason ?? ''
    }. The release gate decides by its rules again.`,
    expired: `${granter}'s override (${override.reason}) ended at ${until} UTC. The release gate decides by its rules again.`,
  };
  return {
    title: titles[change],
    description: descriptions[change],
    link: reliabilityTabLink(override.entityRef),
    severity: change === 'granted' ? 'high' : 'normal',
    topic: RELEASE_GATE_TOPIC,
    scope: `gate-override:${override.id}`,
  };
}
