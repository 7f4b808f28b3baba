import { HttpAuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { SloStores } from '../../database/SloStores';
import { SloApiRouter } from '../../schema/createOpenApiRouter';
import { UNKNOWN_OWNERSHIP, resolveOwnership } from '../ownership';
import { EntityVisibility } from './entityVisibility';
import { toSloSummary, toSyncErrorResponse } from './responseShapes';
import { entityRefOfPath, readVisibleEntitySlos } from './visibleEntitySlos';

/**
 * `GET /v1/entities/{kind}/{namespace}/{name}`: everything an entity page
 * shows (ownership, SLOs with status, sync errors) in one request. 404 when
 * the caller may not see the entity or it has no SLOs.
 */
export function addEntityRoutes(
  router: SloApiRouter,
  deps: {
    httpAuth: HttpAuthService;
    catalog: CatalogService;
    visibility: EntityVisibility;
    stores: Pick<SloStores, 'definitions' | 'statuses'>;
  },
) {
  const { httpAuth, catalog, visibility, stores } = deps;
  router.get('/v1/entities/:kind/:namespace/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entityRef = entityRefOfPath(req.params);
    const { entity, definitions } = await readVisibleEntitySlos(
      entityRef,
      credentials,
      { visibility, definitions: stores.definitions },
    );
    const [ownership, statuses, syncErrors] = await Promise.all([
      entity
        ? visibility.catalogCredentials(credentials).then(catalogCredentials =>
            resolveOwnership(entity, {
              catalog,
              credentials: catalogCredentials,
            }),
          )
        : UNKNOWN_OWNERSHIP,
      stores.statuses.readStatuses(definitions.map(d => d.sloKey)),
      stores.definitions.listSyncErrors(entityRef),
    ]);
    res.json({
      entityRef,
      ownership,
      slos: definitions.map(d => toSloSummary(d, statuses.get(d.sloKey))),
      syncErrors: syncErrors.map(toSyncErrorResponse),
    });
  });
}
