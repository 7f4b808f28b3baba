import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import type { EntitySlosResponse } from '@slo-kit/plugin-slo-common';
import { SloStores } from '../../database/SloStores';
import { UNKNOWN_OWNERSHIP, resolveOwnership } from '../ownership';
import { EntityVisibility } from '../routes/entityVisibility';
import { toSloSummary, toSyncErrorResponse } from '../routes/responseShapes';
import { readVisibleEntitySlos } from '../routes/visibleEntitySlos';

/**
 * Everything SLO Kit knows about one entity as the caller may see it:
 * ownership (service, SRE and platform owner with findings), its live SLOs
 * with their latest status, and its sync errors. NotFoundError when the
 * caller may not see the entity, or neither the catalog nor SLO Kit knows it.
 * The entity route and the assistants' `get-slo-status` action both answer
 * from this read.
 */
export async function readEntitySloStatus(
  entityRef: string,
  credentials: BackstageCredentials,
  deps: {
    catalog: CatalogService;
    visibility: EntityVisibility;
    stores: Pick<SloStores, 'definitions' | 'statuses' | 'sourceStates'>;
  },
): Promise<EntitySlosResponse> {
  const { catalog, visibility, stores } = deps;
  const {
    entity,
    definitions,
    withDefinitions: [statuses, sourceStates, syncErrors],
  } = await readVisibleEntitySlos(
    entityRef,
    credentials,
    { visibility, definitions: stores.definitions },
    defs => {
      const sloKeys = defs.map(d => d.sloKey);
      return Promise.all([
        stores.statuses.readStatuses(sloKeys),
        stores.sourceStates.listSourceStates(sloKeys),
        stores.definitions.listSyncErrors(entityRef),
      ]);
    },
  );
  const ownership = entity
    ? await resolveOwnership(entity, {
        catalog,
        credentials: await visibility.catalogCredentials(credentials),
      })
    : UNKNOWN_OWNERSHIP;
  return {
    entityRef,
    ownership,
    slos: definitions.map(d =>
      toSloSummary(
        d,
        statuses.get(d.sloKey),
        sourceStates.filter(state => state.sloKey === d.sloKey),
      ),
    ),
    syncErrors: syncErrors.map(toSyncErrorResponse),
  };
}
