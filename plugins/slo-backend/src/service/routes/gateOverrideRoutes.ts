import { HttpAuthService } from '@backstage/backend-plugin-api';
import { canonicalEntityRef } from '@slo-kit/plugin-slo-common';
import { SloStores } from '../../database/SloStores';
import { SloApiRouter } from '../../schema/createOpenApiRouter';
import { GateOverrides, toGateOverride } from '../gate/GateOverrides';
import { readEntityListQuery } from './entityListQuery';
import { EntityVisibility } from './entityVisibility';

export const DEFAULT_OVERRIDE_LIST_LIMIT = 50;

/**
 * Gate overrides: granted and revoked by permitted users (see
 * {@link GateOverrides}), listed for anyone who may see the entity.
 */
export function addGateOverrideRoutes(
  router: SloApiRouter,
  deps: {
    httpAuth: HttpAuthService;
    visibility: EntityVisibility;
    overrides: GateOverrides;
    stores: Pick<SloStores, 'gateOverrides'>;
    now?: () => number;
  },
) {
  const { httpAuth, visibility, overrides, stores } = deps;
  const now = deps.now ?? Date.now;

  router.post('/v1/gate/overrides', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const body = req.body;
    const entityRef = canonicalEntityRef(body.entityRef, 'entityRef');
    res
      .status(201)
      .json(await overrides.grant({ ...body, entityRef }, credentials, req));
  });

  router.delete('/v1/gate/overrides/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await overrides.revoke(req.params.id, req.body, credentials, req));
  });

  router.get('/v1/gate/overrides', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { entityRef, limit } = await readEntityListQuery(
      req.query,
      credentials,
      { visibility, defaultLimit: DEFAULT_OVERRIDE_LIST_LIMIT },
    );
    const at = now();
    const items = await stores.gateOverrides.listOverrides(entityRef, {
      limit,
    });
    res.json({ items: items.map(o => toGateOverride(o, at)) });
  });
}
