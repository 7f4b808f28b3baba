import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { canonicalEntityRef } from '@slo-kit/plugin-slo-common';
import { SloStores } from '../../database/SloStores';
import { SloApiRouter } from '../../schema/createOpenApiRouter';
import { EntityVisibility } from './entityVisibility';
import { IngestionScope } from './ingestionScope';

/**
 * `POST /v1/events`: records a deploy, incident or note of an entity (CI
 * records the deploy it made), shown beside SLO history. Users may record
 * events of entities they can see (404 otherwise); service principals and
 * access tokens within their `slo.ingestion.writers` scope (403 otherwise).
 */
export function addEventRoutes(
  router: SloApiRouter,
  deps: {
    httpAuth: HttpAuthService;
    visibility: EntityVisibility;
    scope: IngestionScope;
    stores: Pick<SloStores, 'events'>;
  },
) {
  const { httpAuth, visibility, scope, stores } = deps;
  router.post('/v1/events', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const body = req.body;
    const entityRef = canonicalEntityRef(body.entityRef, 'entityRef');
    const at = Date.parse(body.at);
    if (Number.isNaN(at)) {
      throw new InputError(`at: "${body.at}" is not an ISO 8601 date-time`);
    }
    if (
      credentials.principal.type === 'service' &&
      !scope.mayWriteFor(credentials.principal.subject, entityRef)
    ) {
      throw new NotAllowedError(
        `${credentials.principal.subject} may not record events for ${entityRef} (see slo.ingestion.writers)`,
      );
    }
    if (!(await visibility.readEntity(entityRef, credentials)).visible) {
      throw new NotFoundError(`No entity ${entityRef} found`);
    }
    const event = {
      entityRef,
      sloId: null,
      type: body.type,
      title: body.title,
      at,
      version: body.version ?? null,
      url: body.url ?? null,
    };
    await stores.events.addEvent(event);
    res.json({
      entityRef,
      type: event.type,
      at: new Date(at).toISOString(),
      title: event.title,
      version: event.version,
      url: event.url,
    });
  });
}
