import { HttpAuthService } from '@backstage/backend-plugin-api';
import { GateEvaluation, canonicalEntityRef } from '@slo-kit/plugin-slo-common';
import type { StoredGateEvaluation } from '@slo-kit/plugin-slo-node';
import { SloStores } from '../../database/SloStores';
import { SloApiRouter } from '../../schema/createOpenApiRouter';
import { ReleaseGate } from '../gate/ReleaseGate';
import type { ReleaseBlockNotifications } from '../notifications/ReleaseBlockNotifications';
import { callerRef } from './callerRef';
import { entityRefOfPath } from './visibleEntitySlos';
import { readEntityListQuery } from './entityListQuery';
import { EntityVisibility } from './entityVisibility';

export const DEFAULT_EVALUATION_LIST_LIMIT = 50;

function toGateEvaluation(stored: StoredGateEvaluation): GateEvaluation {
  return {
    ...stored.decision,
    id: stored.id,
    requestedBy: stored.requestedBy,
    environment: stored.environment,
    version: stored.version,
    changeType: stored.changeType,
    recordedAt: new Date(stored.recordedAt).toISOString(),
  };
}

/**
 * The release gate's API: the current decision of an entity (pages), an
 * evaluation recorded on request (CI), and the recorded evaluations (audit
 * trail). Users, service principals and external-access tokens; a user gets
 * 404 for entities the catalog hides from them, as on the entity route.
 */
export function addGateRoutes(
  router: SloApiRouter,
  deps: {
    httpAuth: HttpAuthService;
    visibility: EntityVisibility;
    gate: ReleaseGate;
    stores: Pick<SloStores, 'definitions' | 'gateEvaluations'>;
    /** Tells the service owner about recorded evaluations that block; none when notifications are off. */
    blockNotifications?: Pick<ReleaseBlockNotifications, 'evaluationRecorded'>;
    now?: () => number;
  },
) {
  const { httpAuth, visibility, gate, stores } = deps;
  const now = deps.now ?? Date.now;

  router.get('/v1/gate/:kind/:namespace/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await gate.decide(entityRefOfPath(req.params), credentials));
  });

  router.post('/v1/gate/evaluations', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const body = req.body;
    const entityRef = canonicalEntityRef(body.entityRef, 'entityRef');
    const changeType = body.changeType ?? null;
    const decision = await gate.decide(entityRef, credentials, {
      changeType,
      environment: body.environment ?? null,
      version: body.version ?? null,
    });
    const row = {
      entityRef,
      requestedBy: callerRef(credentials),
      environment: body.environment ?? null,
      version: body.version ?? null,
      changeType,
      decision,
      recordedAt: now(),
    };
    const recorded = body.record !== false;
    const id = recorded ? await stores.gateEvaluations.addEvaluation(row) : '';
    const evaluation = toGateEvaluation({ id, ...row });
    res.json(evaluation);
    if (recorded && deps.blockNotifications) {
      // Sent after answering: CI does not wait for the owners to be told.
      void deps.blockNotifications.evaluationRecorded(evaluation);
    }
  });

  router.get('/v1/gate/evaluations', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { entityRef, limit } = await readEntityListQuery(
      req.query,
      credentials,
      { visibility, defaultLimit: DEFAULT_EVALUATION_LIST_LIMIT },
    );
    const evaluations = await stores.gateEvaluations.listEvaluations(
      entityRef,
      { limit },
    );
    res.json({ items: evaluations.map(toGateEvaluation) });
  });
}
