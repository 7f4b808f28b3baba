import { canonicalEntityRef } from '@slo-kit/plugin-slo-common';

/**
 * An owner named in a filter, as the canonical ref SLO definitions store:
 * `payments` means `group:default/payments`. InputError naming `field` when
 * it is not an entity ref.
 */
export function ownerFilterRef(value: string, field: string): string {
  return canonicalEntityRef(value, field, {
    defaultKind: 'group',
    defaultNamespace: 'default',
  });
}
