import { HttpAuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { SloStores } from '../../database/SloStores';
import { SloApiRouter } from '../../schema/createOpenApiRouter';
import { readEntitySloStatus } from '../read/entitySloStatus';
import { EntityVisibility } from './entityVisibility';
import { entityRefOfPath } from './visibleEntitySlos';

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
    stores: Pick<SloStores, 'definitions' | 'statuses' | 'sourceStates'>;
  },
) {
  const { httpAuth } = deps;
  router.get('/v1/entities/:kind/:namespace/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(
      await readEntitySloStatus(entityRefOfPath(req.params), credentials, deps),
    );
  });
}
