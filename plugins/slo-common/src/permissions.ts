import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Register or replace the SLO definitions of an entity that is in the
 * catalog, through `POST /api/slo/v1/slos`. A resource permission on the
 * catalog entity, so a policy can decide with the catalog's own rules, e.g.
 * "only the entity's owners" with `catalogConditions.isEntityOwner`.
 */
export const sloRegisterPermission = createPermission({
  name: 'slo.definitions.register',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Register the SLO definitions of an entity the catalog does not know yet (the
 * golden path registers a new service's SLOs before publishing it). Only
 * allowed while no SLOs are registered for that entity, so nobody can replace
 * another team's definitions this way.
 */
export const sloRegisterNewEntityPermission = createPermission({
  name: 'slo.definitions.register.new-entity',
  attributes: { action: 'create' },
});

/**
 * Let an entity's releases through the release gate for a bounded time,
 * through `POST /api/slo/v1/gate/overrides` (and revoke such an override). A
 * resource permission on the catalog entity, so a policy can say "the
 * entity's SRE owners" with SLO Kit's `isSreOwner` catalog rule. Only users
 * override; service principals and access tokens never do.
 */
export const sloGateOverridePermission = createPermission({
  name: 'slo.gate.override',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Every permission SLO Kit defines. */
export const sloPermissions = [
  sloRegisterPermission,
  sloRegisterNewEntityPermission,
  sloGateOverridePermission,
];
