import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { canonicalEntityRef } from '@slo-kit/plugin-slo-common';
import type {
  SloDefinitionStore,
  StoredSloDefinition,
} from '@slo-kit/plugin-slo-node';
import { EntityVisibility } from './entityVisibility';

/** The canonical entity ref named by a route's `{kind}/{namespace}/{name}`. */
export function entityRefOfPath(params: {
  kind: string;
  namespace: string;
  name: string;
}): string {
  return canonicalEntityRef(
    `${params.kind}:${params.namespace}/${params.name}`,
    'path',
  );
}

/**
 * An entity as the caller sees it (undefined when the catalog does not know
 * it yet) and its live SLOs; NotFoundError when the caller may not see it, or
 * neither the catalog nor SLO Kit knows it.
 */
export async function readVisibleEntitySlos(
  entityRef: string,
  credentials: BackstageCredentials,
  deps: {
    visibility: EntityVisibility;
    definitions: Pick<SloDefinitionStore, 'listEntityDefinitions'>;
  },
): Promise<{ entity?: Entity; definitions: StoredSloDefinition[] }> {
  const [{ entity, visible }, definitions] = await Promise.all([
    deps.visibility.readEntity(entityRef, credentials),
    deps.definitions.listEntityDefinitions(entityRef, {
      includeDeleted: false,
    }),
  ]);
  if (!visible || (!entity && definitions.length === 0)) {
    throw new NotFoundError(`No entity ${entityRef} with SLOs found`);
  }
  return { entity, definitions };
}
