import {
  createApiFactory,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { SloClient } from '@slo-kit/plugin-slo-common';
import { sloApiRef } from './sloApiRef';
import { sloGateApiRef } from './sloGateApiRef';

/** Builds the default {@link sloApiRef} implementation from discovery and fetch. */
export const sloApiFactory = createApiFactory({
  api: sloApiRef,
  deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
  factory: ({ discoveryApi, fetchApi }) =>
    new SloClient({ discoveryApi, fetchApi }),
});

/** Builds the default {@link sloGateApiRef} implementation from discovery and fetch. */
export const sloGateApiFactory = createApiFactory({
  api: sloGateApiRef,
  deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
  factory: ({ discoveryApi, fetchApi }) =>
    new SloClient({ discoveryApi, fetchApi }),
});
