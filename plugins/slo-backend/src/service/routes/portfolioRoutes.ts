import { HttpAuthService } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type {
  PortfolioReleaseFilter,
  ReleasePolicy,
  ReleaseSummary,
  SloStatusValue,
} from '@slo-kit/plugin-slo-common';
import { summarizeRelease } from '@slo-kit/plugin-slo-common';
import type { SloWithStatus } from '@slo-kit/plugin-slo-node';
import { SloStores } from '../../database/SloStores';
import { SloApiRouter } from '../../schema/createOpenApiRouter';
import { GATE_ENTITY_FIELDS, decideEntityRelease } from '../gate/entityRelease';
import { EntityVisibility } from './entityVisibility';
import { ownerFilterRef } from './ownerFilter';
import {
  decodePortfolioCursor,
  encodePortfolioCursor,
} from './portfolioCursor';
import { toPortfolioItem } from './responseShapes';

/** Rows per portfolio page when the caller names no limit. */
const DEFAULT_PAGE_SIZE = 100;

/**
 * Values of a repeatable query parameter, also when sent comma-separated
 * (`owner=a,b` and `owner=a&owner=b` mean the same).
 */
function queryList(value: unknown): string[] {
  if (value === undefined) return [];
  const values = Array.isArray(value) ? value : [value];
  return values.flatMap(v => String(v).split(',')).filter(v => v.length > 0);
}

/** The SLOs of each entity, in the order given. */
function groupByEntity(slos: SloWithStatus[]): Map<string, SloWithStatus[]> {
  const byEntity = new Map<string, SloWithStatus[]>();
  for (const slo of slos) {
    const list = byEntity.get(slo.definition.entityRef);
    if (list) list.push(slo);
    else byEntity.set(slo.definition.entityRef, [slo]);
  }
  return byEntity;
}

/**
 * `GET /v1/slos`: one page of the portfolio, every live SLO the caller may
 * see with its latest status and its entity's release-gate decision,
 * filtered by owner, status and release decision, ordered by id or by a
 * column.
 */
export function addPortfolioRoutes(
  router: SloApiRouter,
  deps: {
    httpAuth: HttpAuthService;
    visibility: EntityVisibility;
    stores: Pick<SloStores, 'statuses' | 'gateOverrides'>;
    policies: Record<string, ReleasePolicy>;
    now?: () => number;
  },
) {
  const { httpAuth, visibility, stores, policies } = deps;
  const now = deps.now ?? Date.now;

  /**
   * The release decision of each entity, judged over all its live SLOs (read
   * in one go), with the entities the caller sees as read from the catalog.
   */
  async function releasesOf(
    entityRefs: string[],
    entities: Map<string, Entity>,
    at: number,
  ): Promise<Map<string, ReleaseSummary>> {
    const [statuses, overrides] = await Promise.all([
      stores.statuses.listEntityStatuses(entityRefs),
      stores.gateOverrides.listActiveOverrides(entityRefs, at),
    ]);
    const slos = groupByEntity(statuses);
    return new Map(
      entityRefs.map(entityRef => [
        entityRef,
        summarizeRelease(
          decideEntityRelease({
            entityRef,
            entity: entities.get(entityRef),
            slos: slos.get(entityRef) ?? [],
            policies,
            now: at,
            overrides: overrides.filter(o => o.entityRef === entityRef),
          }),
        ),
      ]),
    );
  }

  router.get('/v1/slos', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { sort, order } = req.query;
    // The validator checks the query against the spec but leaves it as text.
    const limit =
      req.query.limit !== undefined
        ? Number(req.query.limit)
        : DEFAULT_PAGE_SIZE;
    const owners = queryList(req.query.owner).map(o =>
      ownerFilterRef(o, 'owner'),
    );
    const statuses = queryList(req.query.status) as SloStatusValue[];
    const release = queryList(req.query.release) as PortfolioReleaseFilter[];
    const cursor =
      req.query.cursor !== undefined
        ? decodePortfolioCursor(req.query.cursor)
        : undefined;
    if (cursor && sort && !('offset' in cursor)) {
      throw new InputError(
        'cursor: belongs to an unsorted listing; drop it or the sort',
      );
    }
    const offset = cursor && 'offset' in cursor ? cursor.offset : 0;
    // SLOs of entities hidden from the caller are left out of the pages and
    // of the count alike. The same catalog read brings the fields the release
    // gate needs of the entities the caller sees.
    const candidates = await stores.statuses.listPortfolioEntityRefs({
      owners,
      statuses,
    });
    const { entities, hidden } = await visibility.readEntities(
      candidates,
      credentials,
      { fields: GATE_ENTITY_FIELDS },
    );
    const at = now();
    let releases = new Map<string, ReleaseSummary>();
    let entityRefs: string[] | undefined;
    if (release.length > 0) {
      // The release filter needs every visible entity's decision before
      // paging, so that pages and the count hold only the entities it keeps.
      const visible = candidates.filter(ref => !hidden.has(ref));
      releases = await releasesOf(visible, entities, at);
      entityRefs = visible.filter(ref =>
        release.includes(releases.get(ref)!.decision as PortfolioReleaseFilter),
      );
    }
    const page = await stores.statuses.listPortfolio({
      owners,
      statuses,
      ...(entityRefs ? { entityRefs } : { excludeEntityRefs: [...hidden] }),
      limit,
      afterId: cursor && 'afterId' in cursor ? cursor.afterId : undefined,
      sort,
      order,
      offset,
    });
    const last = page.rows[page.rows.length - 1];
    const nextCursor =
      last && page.rows.length === limit
        ? encodePortfolioCursor(
            sort
              ? { offset: offset + page.rows.length }
              : { afterId: last.definition.id },
          )
        : undefined;
    const undecided = [
      ...new Set(page.rows.map(r => r.definition.entityRef)),
    ].filter(ref => !releases.has(ref));
    if (undecided.length > 0) {
      releases = new Map([
        ...releases,
        ...(await releasesOf(undecided, entities, at)),
      ]);
    }
    res.json({
      items: page.rows.map(r =>
        toPortfolioItem(
          r.definition,
          r.status,
          releases.get(r.definition.entityRef)!,
        ),
      ),
      totalCount: page.totalCount,
      ...(nextCursor ? { nextCursor } : {}),
    });
  });
}
