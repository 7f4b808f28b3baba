import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { SloStatusValue } from '@slo-kit/plugin-slo-common';
import { SloStores } from '../../database/SloStores';
import { SloApiRouter } from '../../schema/createOpenApiRouter';
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

/**
 * `GET /v1/slos`: one page of the portfolio, every live SLO the caller may
 * see with its latest status, filtered by owner and status, ordered by id or
 * by a column.
 */
export function addPortfolioRoutes(
  router: SloApiRouter,
  deps: {
    httpAuth: HttpAuthService;
    visibility: EntityVisibility;
    stores: Pick<SloStores, 'statuses'>;
  },
) {
  const { httpAuth, visibility, stores } = deps;
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
    // of the count alike.
    const hidden = await visibility.hiddenEntityRefs(
      await stores.statuses.listPortfolioEntityRefs({ owners, statuses }),
      credentials,
    );
    const page = await stores.statuses.listPortfolio({
      owners,
      statuses,
      excludeEntityRefs: [...hidden],
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
    res.json({
      items: page.rows.map(r => toPortfolioItem(r.definition, r.status)),
      totalCount: page.totalCount,
      ...(nextCursor ? { nextCursor } : {}),
    });
  });
}
