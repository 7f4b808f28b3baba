import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { GateOverride } from '@slo-kit/plugin-slo-common';
import { sloGateApiRef } from '../api/sloGateApiRef';
import { useAsyncValue } from './useAsyncValue';

/** The release-gate overrides of the current entity, active and past, newest grant first. */
export function useGateOverrides() {
  const { entity } = useEntity();
  const gateApi = useApi(sloGateApiRef);
  const entityRef = stringifyEntityRef(entity);

  return useAsyncValue<GateOverride[]>(
    async () => (await gateApi.listGateOverrides(entityRef)).items,
    [gateApi, entityRef],
  );
}
