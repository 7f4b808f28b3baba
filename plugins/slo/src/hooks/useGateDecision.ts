import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { GateDecision } from '@slo-kit/plugin-slo-common';
import { sloGateApiRef } from '../api/sloGateApiRef';
import { useAsyncValue } from './useAsyncValue';

/** The release gate's current decision for the current entity (not recorded). */
export function useGateDecision() {
  const { entity } = useEntity();
  const gateApi = useApi(sloGateApiRef);
  const kind = entity.kind;
  const namespace = entity.metadata.namespace ?? 'default';
  const name = entity.metadata.name;

  return useAsyncValue<GateDecision>(
    () => gateApi.getGateDecision({ kind, namespace, name }),
    [gateApi, kind, namespace, name],
  );
}
