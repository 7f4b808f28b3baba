import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { EntitiesSearchFilter } from '@backstage/plugin-catalog-node';
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import {
  PermissionRule,
  createConditionFactory,
} from '@backstage/plugin-permission-node';
import { ANNOTATION_SRE_OWNER } from '@slo-kit/plugin-slo-common';
import { z } from 'zod';
import { directOwners } from '../service/ownership';

type ClaimsParams = { claims: string[] };
/** A rule on catalog entities, applied by the catalog, with `claims` as its parameter. */
type CatalogEntityClaimsRule = PermissionRule<
  Entity,
  EntitiesSearchFilter,
  typeof RESOURCE_TYPE_CATALOG_ENTITY,
  ClaimsParams
>;

const claimsSchema = z.object({
  claims: z
    .array(z.string())
    .describe(
      'Entity refs of the caller and of the groups the caller belongs to (ownershipEntityRefs), e.g. from transitiveOwnershipClaims',
    ),
});

/**
 * The ways the SRE owner annotation may name `ref`: a full group ref can be
 * written shorter in the default namespace (`group:sre`, `sre`), and a group
 * without its kind (`default/sre`).
 */
function annotationSpellings(ref: string): string[] {
  const { kind, namespace, name } = parseEntityRef(ref);
  const spellings = [stringifyEntityRef({ kind, namespace, name })];
  if (kind.toLocaleLowerCase('en-US') === 'group') {
    spellings.push(`${namespace}/${name}`);
    if (namespace === 'default') spellings.push(`group:${name}`, name);
  } else if (namespace === 'default') {
    spellings.push(`${kind}:${name}`);
  }
  return spellings;
}

/**
 * A catalog permission rule: the caller is the entity's SRE owner, i.e. one
 * of `claims` is the group named by its `slo-kit.dev/sre-owner` annotation.
 */
export const isSreOwner: CatalogEntityClaimsRule = {
  name: 'SLO_KIT_IS_SRE_OWNER',
  description:
    "Allow when the caller belongs to the entity's SRE owner group (slo-kit.dev/sre-owner)",
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
  // A zod 3 schema, as the catalog's own rules use; converted to JSON Schema
  // by the permission framework.
  paramsSchema: claimsSchema as any,
  apply(entity: Entity, { claims }) {
    const { sreOwner } = directOwners(entity);
    return sreOwner !== null && claims.includes(sreOwner);
  },
  toQuery({ claims }) {
    return {
      key: `metadata.annotations.${ANNOTATION_SRE_OWNER}`,
      values: claims.flatMap(annotationSpellings),
    };
  },
};

/**
 * A catalog permission rule: the caller is the entity's service owner, i.e.
 * one of `claims` is the owner of `spec.owner` (its `ownedBy` relation).
 */
export const isServiceOwner: CatalogEntityClaimsRule = {
  name: 'SLO_KIT_IS_SERVICE_OWNER',
  description:
    "Allow when the caller belongs to the entity's owner group (spec.owner)",
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
  // A zod 3 schema, as the catalog's own rules use; converted to JSON Schema
  // by the permission framework.
  paramsSchema: claimsSchema as any,
  apply(entity: Entity, { claims }) {
    const { serviceOwner } = directOwners(entity);
    return serviceOwner !== null && claims.includes(serviceOwner);
  },
  toQuery({ claims }) {
    return { key: 'relations.ownedBy', values: claims };
  },
};

/** The catalog permission rules SLO Kit contributes. */
export const sloCatalogPermissionRules = [isSreOwner, isServiceOwner];

/**
 * Conditions for a permission policy's catalog conditional decisions, e.g.
 * `createCatalogConditionalDecision(permission, sloCatalogConditions.isSreOwner({ claims }))`.
 */
export const sloCatalogConditions = {
  isSreOwner: createConditionFactory(isSreOwner),
  isServiceOwner: createConditionFactory(isServiceOwner),
};
