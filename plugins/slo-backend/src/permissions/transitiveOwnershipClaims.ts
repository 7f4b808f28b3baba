import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** How far up a group tree the claims are followed. */
const MAX_GROUP_DEPTH = 10;

/**
 * The caller's ownership claims plus every group above the caller's groups
 * (the catalog's `childOf` relations), so a member of a sub-team of the SRE
 * group counts as SRE owner. Backstage's sign-in puts only direct
 * memberships into `ownershipEntityRefs`; a permission policy passes them
 * here before building SLO Kit's conditions.
 */
export async function transitiveOwnershipClaims(
  claims: string[],
  options: { catalog: CatalogService; credentials: BackstageCredentials },
): Promise<string[]> {
  const all = new Set(claims.map(c => stringifyEntityRef(parseEntityRef(c))));
  let frontier = [...all].filter(ref => ref.startsWith('group:'));
  for (let depth = 0; depth < MAX_GROUP_DEPTH && frontier.length > 0; depth++) {
    const { items } = await options.catalog.getEntitiesByRefs(
      { entityRefs: frontier, fields: ['relations'] },
      { credentials: options.credentials },
    );
    const parents = items
      .flatMap(group => group?.relations ?? [])
      .filter(relation => relation.type === 'childOf')
      .map(relation => relation.targetRef)
      .filter(ref => !all.has(ref));
    parents.forEach(ref => all.add(ref));
    frontier = [...new Set(parents)];
  }
  return [...all];
}
