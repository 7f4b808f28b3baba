import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { canonicalEntityRef } from '@slo-kit/plugin-slo-common';
import { EntityVisibility } from './entityVisibility';

/** Most rows one audit-trail list answers. */
const MAX_LIST_LIMIT = 500;

/**
 * The `?entityRef=…&limit=…` of a list of one entity's records (gate
 * evaluations, overrides): the canonical ref and the limit, checked, and
 * the same 404 as the entity route when the catalog hides the entity.
 */
export async function readEntityListQuery(
  query: { entityRef: string; limit?: unknown },
  credentials: BackstageCredentials,
  options: { visibility: EntityVisibility; defaultLimit: number },
): Promise<{ entityRef: string; limit: number }> {
  const entityRef = canonicalEntityRef(query.entityRef, 'entityRef');
  const limit =
    query.limit !== undefined ? Number(query.limit) : options.defaultLimit;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIST_LIMIT) {
    throw new InputError(
      `limit: must be a whole number from 1 to ${MAX_LIST_LIMIT}`,
    );
  }
  const { visible } = await options.visibility.readEntity(
    entityRef,
    credentials,
  );
  if (!visible) {
    throw new NotFoundError(`No entity ${entityRef} with SLOs found`);
  }
  return { entityRef, limit };
}
