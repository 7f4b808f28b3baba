import {
  DiscoveryService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import express from 'express';
import { SloBackendConfig } from '../config';
import { SloStores } from '../database/SloStores';
import { RequestsInFlight } from '../RequestsInFlight';
import { createOpenApiRouter } from '../schema/createOpenApiRouter';
import { SliIngestion } from './ingestion/SliIngestion';
import { SliWriter } from './ingestion/SliWriter';
import { GateOverrides } from './gate/GateOverrides';
import { ReleaseGate } from './gate/ReleaseGate';
import { ReleaseBlockNotifications } from './notifications/ReleaseBlockNotifications';
import { addEntityRoutes } from './routes/entityRoutes';
import { EntityVisibility } from './routes/entityVisibility';
import { jsonBodyParser } from './routes/errorResponses';
import { addEventRoutes } from './routes/eventRoutes';
import { addGateOverrideRoutes } from './routes/gateOverrideRoutes';
import { addGateRoutes } from './routes/gateRoutes';
import { addHealthRoutes } from './routes/healthRoutes';
import { addHistoryRoutes } from './routes/historyRoutes';
import { addIngestionRoutes } from './routes/ingestionRoutes';
import { IngestionScope } from './routes/ingestionScope';
import { addPortfolioRoutes } from './routes/portfolioRoutes';
import { addRegistrationRoutes } from './routes/registrationRoutes';
import { addValidateRoutes } from './routes/validateRoutes';

export interface RouterOptions {
  logger: LoggerService;
  stores: SloStores;
  /** The one write path of SLI data, shared with the source pullers. */
  sliWriter: SliWriter;
  /** Grants and revokes gate overrides (shared with the expiry job). */
  gateOverrides: GateOverrides;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  discovery: DiscoveryService;
  config: SloBackendConfig;
  /** The catalog read check, shared with the actions for assistants. */
  visibility: EntityVisibility;
  /** The release gate, shared with the actions for assistants. */
  gate: ReleaseGate;
  /** Notifies service owners of recorded gate evaluations that block; unset when notifications are off. */
  blockNotifications?: ReleaseBlockNotifications;
  /**
   * Counts the requests (all but pushed SLI batches) that background work
   * gives way to; shared with the evaluation job.
   */
  requestsInFlight?: RequestsInFlight;
}

/** `POST /v1/sli`: a pushed batch, itself background work that gives way. */
function isSliBatch(req: express.Request): boolean {
  return req.method === 'POST' && /^\/v1\/sli\/?$/.test(req.path);
}

/**
 * The REST API of the SLO Kit backend (`/api/slo`): requests are validated
 * against the OpenAPI spec, and each resource's handlers live in their own
 * module under `routes/`.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const {
    stores,
    httpAuth,
    permissions,
    catalog,
    discovery,
    config,
    visibility,
    gate,
  } = options;
  const requestsInFlight = options.requestsInFlight ?? new RequestsInFlight();
  const router = createOpenApiRouter({
    middleware: [
      requestsInFlight.middleware(req => !isSliBatch(req)),
      jsonBodyParser(
        [
          {
            // Registration and validation read the same OpenSLO files.
            path: /^\/v1\/(slos|validate)\/?$/,
            bodyLimit: {
              limit: config.registration.maxBodyBytes,
              configKey: 'slo.registration.maxBodyBytes',
              advice: 'split the OpenSLO file',
            },
          },
        ],
        {
          limit: config.ingestion.maxBodyBytes,
          configKey: 'slo.ingestion.maxBodyBytes',
          advice: 'split the batch',
        },
      ),
    ],
    validatorOptions: {
      // Credentials are checked by httpAuth in each handler (401/403).
      validateSecurity: false,
      // Ingestion reports every bad point (index, field, reason) itself and
      // validates the same shape with zod; see parseSliBatch.
      ignorePaths: /\/v1\/sli\/?$/,
    },
  });
  const ingestion = new SliIngestion({
    writer: options.sliWriter,
    maxPoints: config.ingestion.maxPoints,
    minuteRetentionMs: config.retention.minutesMs,
    givesWayTo: requestsInFlight,
  });

  addHealthRoutes(router);
  const writerScope = new IngestionScope(config.ingestion.writers);
  addIngestionRoutes(router, {
    httpAuth,
    logger: options.logger,
    ingestion,
    scope: writerScope,
  });
  addRegistrationRoutes(router, {
    httpAuth,
    permissions,
    discovery,
    logger: options.logger,
    visibility,
    stores,
  });
  addValidateRoutes(router, { httpAuth });
  addEntityRoutes(router, { httpAuth, catalog, visibility, stores });
  addPortfolioRoutes(router, {
    httpAuth,
    visibility,
    stores,
    policies: config.releasePolicies,
  });
  addHistoryRoutes(router, { httpAuth, visibility, stores });
  addGateRoutes(router, {
    httpAuth,
    visibility,
    gate,
    stores,
    blockNotifications: options.blockNotifications,
  });
  addGateOverrideRoutes(router, {
    httpAuth,
    visibility,
    overrides: options.gateOverrides,
    stores,
  });
  addEventRoutes(router, { httpAuth, visibility, scope: writerScope, stores });
  return router;
}
