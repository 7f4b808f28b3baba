import { mockServices } from '@backstage/backend-test-utils';
import { readSloBackendConfig } from '../config';
import { SloStores } from '../database/SloStores';
import { GateOverrides } from '../service/gate/GateOverrides';
import { SliWriter } from '../service/ingestion/SliWriter';
import type { RouterOptions } from '../service/router';

/**
 * Options to build the router with when no handler is called beyond
 * authentication: default config, mocked core services and empty stand-ins
 * for the stores and services behind the handlers.
 */
export function routerOptionsWithoutHandlers(
  overrides: Partial<RouterOptions> = {},
): RouterOptions {
  return {
    logger: mockServices.logger.mock(),
    stores: {} as SloStores,
    sliWriter: {} as SliWriter,
    gateOverrides: {} as GateOverrides,
    httpAuth: mockServices.httpAuth.mock(),
    permissions: mockServices.permissions.mock(),
    catalog: {} as any,
    discovery: mockServices.discovery.mock(),
    config: readSloBackendConfig(mockServices.rootConfig()),
    visibility: {} as any,
    gate: {} as any,
    ...overrides,
  };
}
