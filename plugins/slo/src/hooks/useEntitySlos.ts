import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { EntitySlosResponse } from '@slo-kit/plugin-slo-common';
import { sloApiRef } from '../api/sloApiRef';
import { useAsyncValue } from './useAsyncValue';

/** Loads everything the SLO views show for the current entity, in one request. */
export function useEntitySlos() {
  const { entity } = useEntity();
  const sloApi = useApi(sloApiRef);
  const kind = entity.kind;
  const namespace = entity.metadata.namespace ?? 'default';
  const name = entity.metadata.name;

  return useAsyncValue<EntitySlosResponse>(
    () => sloApi.getEntitySlos({ kind, namespace, name }),
    [sloApi, kind, namespace, name],
  );
}
