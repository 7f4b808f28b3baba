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
 *
 * `readWithDefinitions` reads more SLO data once the definitions are known,
 * while the catalog is still deciding whether the caller may see the entity:
 * a read then takes as long as the slower of the two, not their sum. What it
 * reads is only returned once the entity is known to be visible.
 */
export async function readVisibleEntitySlos<T = undefined>(
  entityRef: string,
  credentials: BackstageCredentials,
  deps: {
    visibility: EntityVisibility;
    definitions: Pick<SloDefinitionStore, 'listEntityDefinitions'>;
  },
  readWithDefinitions?: (definitions: StoredSloDefinition[]) => Promise<T>,
): Promise<{
  entity?: Entity;
  definitions: StoredSloDefinition[];
  withDefinitions: T;
}> {
  const [{ entity, visible }, [definitions, withDefinitions]] =
    await Promise.all([
      deps.visibility.readEntity(entityRef, credentials),
      deps.definitions
        .listEntityDefinitions(entityRef, { includeDeleted: false })
        .then(
          async defs =>
            [
              defs,
              readWithDefinitions
                ? await readWithDefinitions(defs)
                : (undefined as T),
            ] as const,
        ),
    ]);
  if (!visible || (!entity && definitions.length === 0)) {
    throw new NotFoundError(`No entity ${entityRef} with SLOs found`);
  }
  return { entity, definitions, withDefinitions };
}
