import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { canonicalSloId, resolveWindow } from '@slo-kit/plugin-slo-common';
import { SloStores } from '../../database/SloStores';
import { SloApiRouter } from '../../schema/createOpenApiRouter';
import {
  DEFAULT_HISTORY_POINTS,
  MAX_HISTORY_POINTS,
  computeSloHistory,
} from '../read/sloHistory';
import { EntityVisibility } from './entityVisibility';

/** Epoch ms of an ISO 8601 query value; InputError naming `field` otherwise. */
function parseInstant(value: unknown, field: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(String(value));
  if (Number.isNaN(ms)) {
    throw new InputError(`${field}: "${value}" is not an ISO 8601 date-time`);
  }
  return ms;
}

/**
 * `GET /v1/slos/{id}/history`: SLI, budget remaining and burn rate of one SLO
 * as a down-sampled series over its window (or `from`..`to`), with the
 * entity's events in that range. 404 when the caller may not see the entity.
 */
export function addHistoryRoutes(
  router: SloApiRouter,
  deps: {
    httpAuth: HttpAuthService;
    visibility: EntityVisibility;
    stores: Pick<SloStores, 'definitions' | 'sliData' | 'events'>;
  },
) {
  const { httpAuth, visibility, stores } = deps;
  router.get('/v1/slos/:id/history', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const id = canonicalSloId(req.params.id);
    const definition = id
      ? await stores.definitions.getDefinition(id)
      : undefined;
    if (
      !definition ||
      !(await visibility.readEntity(definition.entityRef, credentials)).visible
    ) {
      throw new NotFoundError(`No SLO with id ${req.params.id}`);
    }
    const to = parseInstant(req.query.to, 'to') ?? Date.now();
    const from =
      parseInstant(req.query.from, 'from') ??
      resolveWindow(definition.definition.timeWindow, to).start;
    if (from >= to) {
      throw new InputError('from: must be before to');
    }
    const points =
      req.query.points !== undefined
        ? Number(req.query.points)
        : DEFAULT_HISTORY_POINTS;
    if (
      !Number.isInteger(points) ||
      points < 1 ||
      points > MAX_HISTORY_POINTS
    ) {
      throw new InputError(
        `points: must be a whole number from 1 to ${MAX_HISTORY_POINTS}`,
      );
    }
    const [series, events] = await Promise.all([
      computeSloHistory(stores.sliData, definition, { from, to, points }),
      stores.events.listEvents(definition.entityRef, from, to),
    ]);
    res.json({
      id: definition.id,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      points: series,
      events: events
        .filter(e => e.sloId === null || e.sloId === definition.id)
        .map(e => ({
          at: new Date(e.at).toISOString(),
          type: e.type,
          title: e.title,
          version: e.version ?? null,
          url: e.url ?? null,
        })),
    });
  });
}
