import { HttpAuthService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { canonicalEntityRef } from '@slo-kit/plugin-slo-common';
import { SloStores } from '../../database/SloStores';
import { SloApiRouter } from '../../schema/createOpenApiRouter';
import { UNKNOWN_OWNERSHIP, resolveOwnership } from '../ownership';
import { EntityVisibility } from './entityVisibility';
import { toSloSummary, toSyncErrorResponse } from './responseShapes';

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
    const { kind, namespace, name } = req.params;
    const entityRef = canonicalEntityRef(
      `${kind}:${namespace}/${name}`,
      'path',
    );
    const [{ entity, visible }, definitions] = await Promise.all([
      visibility.readEntity(entityRef, credentials),
      stores.definitions.listEntityDefinitions(entityRef, {
        includeDeleted: false,
      }),
    ]);
    if (!visible || (!entity && definitions.length === 0)) {
      throw new NotFoundError(`No entity ${entityRef} with SLOs found`);
    }
    const [ownership, statuses, syncErrors] = await Promise.all([
      entity
        ? resolveOwnership(entity, { catalog, credentials })
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
