import { parseEntityRef } from '@backstage/catalog-model';
import type { GateOverride } from '@slo-kit/plugin-slo-common';

/** A person's user name from their user entity ref: "sam.sre" for "user:default/sam.sre". */
export function userName(userRef: string): string {
  try {
    return parseEntityRef(userRef).name;
  } catch {
    return userRef;
  }
}

/** Which releases an override lets through: "every release", "production", "version 2.14.1 to production". */
export function overrideScope(
  override: Pick<GateOverride, 'environment' | 'version'>,
): string {
  const { environment, version } = override;
  if (environment && version) return `version ${version} to ${environment}`;
  if (environment) return `releases to ${environment}`;
  if (version) return `version ${version}`;
  return 'every release';
}

/** The words people see for an override's state. */
export const OVERRIDE_STATE_LABELS: Record<GateOverride['state'], string> = {
  active: 'Active',
  revoked: 'Revoked',
  expired: 'Expired',
};
