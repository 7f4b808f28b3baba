import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { GateEvaluation } from '@slo-kit/plugin-slo-common';
import { sloGateApiRef } from '../api/sloGateApiRef';
import { useAsyncValue } from './useAsyncValue';

/** The newest recorded release-gate evaluations of the current entity. */
export function useGateEvaluations(limit: number) {
  const { entity } = useEntity();
  const gateApi = useApi(sloGateApiRef);
  const entityRef = stringifyEntityRef(entity);

  return useAsyncValue<GateEvaluation[]>(
    async () => (await gateApi.listGateEvaluations({ entityRef, limit })).items,
    [gateApi, entityRef, limit],
  );
}
