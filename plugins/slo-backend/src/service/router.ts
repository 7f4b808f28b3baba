import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  EntitySlosResponse,
  PortfolioItem,
  PortfolioSortField,
  PortfolioResponse,
  RegisterSlosResponse,
  SloHistoryResponse,
  SloStatusValue,
  SloSummary,
  parseOpenSlo,
  resolveWindow,
  sloRegisterPermission,
} from '@slo-kit/plugin-slo-common';
import express from 'express';
import { SloBackendConfig } from '../config';
import type {
  SloStatusRow,
  SloStores,
  StoredSloDefinition,
} from '@slo-kit/plugin-slo-node';
import { spec } from '../schema/openapi/generated/spec';
import { canonicalEntityRef, canonicalSloId } from './entityRefs';
import {
  SliBatchTooLargeError,
  SliBatchValidationError,
} from './ingestion/SliBatchError';
import { SliIngestion } from './ingestion/SliIngestion';
import { SliWriter } from './ingestion/SliWriter';
import { UNKNOWN_OWNERSHIP, entityExists, resolveOwnership } from './ownership';
import {
  DEFAULT_HISTORY_POINTS,
  MAX_HISTORY_POINTS,
  computeSloHistory,
} from './read/sloHistory';

export interface RouterOptions {
  logger: LoggerService;
  stores: SloStores;
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  discovery: DiscoveryService;
  config: SloBackendConfig;
}

const DEFAULT_PAGE_SIZE = 100;

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

function toSummary(
  definition: StoredSloDefinition,
  status?: SloStatusRow,
): SloSummary {
  return {
    id: definition.id,
    entityRef: definition.entityRef,
    name: definition.name,
    definition: definition.definition,
    origin: definition.origin,
    deletedAt: iso(definition.deletedAt),
    status: status
      ? {
          evaluation: status.evaluation,
          evaluatedAt: new Date(status.evaluatedAt).toISOString(),
          dataThrough: iso(status.dataThrough),
        }
      : null,
  };
}

function queryList(value: unknown): string[] {
  if (value === undefined) return [];
  const values = Array.isArray(value) ? value : [value];
  return values.flatMap(v => String(v).split(',')).filter(v => v.length > 0);
}

function parseInstant(value: unknown, field: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(String(value));
  if (Number.isNaN(ms)) {
    throw new InputError(`${field}: "${value}" is not an ISO 8601 date-time`);
  }
  return ms;
}

/**
 * Where the next portfolio page starts: after an id (default order) or at an
 * offset (sorted by a column). Opaque to clients.
 */
type PortfolioCursor = { afterId: string } | { offset: number };

function encodeCursor(cursor: PortfolioCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): PortfolioCursor {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const value = decoded as Partial<{ afterId: unknown; offset: unknown }>;
  if (value && typeof value.afterId === 'string') {
    return { afterId: value.afterId };
  }
  if (
    value &&
    Number.isInteger(value.offset) &&
    (value.offset as number) >= 0
  ) {
    return { offset: value.offset as number };
  }
  throw new InputError('cursor: not a cursor returned by this API');
}

function sendInvalid(
  req: express.Request,
  res: express.Response,
  status: number,
  name: string,
  message: string,
  issues?: unknown[],
) {
  res.status(status).json({
    error: { name, message },
    request: { method: req.method, url: req.originalUrl },
    response: { statusCode: status },
    ...(issues ? { issues } : {}),
  });
}

/**
 * Parses JSON bodies up to `limit` bytes and answers 413 itself beyond that
 * (the validated router would otherwise turn every parser error into a 400).
 */
function jsonBodyParser(limit: number): express.RequestHandler {
  const parse = express.json({ limit });
  return (req, res, next) => {
    parse(req, res, (error?: any) => {
      if (error?.type === 'entity.too.large') {
        sendInvalid(
          req,
          res,
          413,
          'PayloadTooLargeError',
          `Request bodies may be at most ${limit} bytes (slo.ingestion.maxBodyBytes); split the batch`,
        );
        return;
      }
      next(error);
    });
  };
}

/** The REST API of the SLO Kit backend (`/api/slo`), validated against its OpenAPI spec. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const {
    stores,
    httpAuth,
    auth,
    permissions,
    catalog,
    discovery,
    config,
    logger,
  } = options;
  const ingestion = new SliIngestion({
    writer: new SliWriter(stores),
    maxPoints: config.ingestion.maxPoints,
    minuteRetentionMs: config.retention.minutesMs,
  });

  // The spec is used for request validation; handlers use the shared API types.
  const router: express.Router = createValidatedOpenApiRouter(spec as any, {
    middleware: [jsonBodyParser(config.ingestion.maxBodyBytes)],
    validatorOptions: {
      // Credentials are checked by httpAuth in each handler (401/403).
      validateSecurity: false,
      // Ingestion reports every bad point (index, field, reason) itself and
      // validates the same shape with zod; see parseSliBatch.
      ignorePaths: /\/v1\/sli\/?$/,
    },
  }) as unknown as express.Router;

  /** Whether the caller may see the entity; the catalog's permission rules decide. */
  async function visibleEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ) {
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (entity) return { entity, visible: true as const };
    // Not returned: either hidden from the caller or not in the catalog (yet).
    const exists = await entityExists(entityRef, { catalog, auth });
    return { entity: undefined, visible: !exists };
  }

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.post('/v1/sli', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['service'] });
    try {
      res.json(await ingestion.ingest(req.body, Date.now()));
    } catch (error) {
      if (error instanceof SliBatchValidationError) {
        sendInvalid(req, res, 400, 'InputError', error.message, error.issues);
        return;
      }
      if (error instanceof SliBatchTooLargeError) {
        sendInvalid(req, res, 413, 'PayloadTooLargeError', error.message);
        return;
      }
      throw error;
    }
  });

  router.post('/v1/slos', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    if (credentials.principal.type === 'user') {
      const [decision] = await permissions.authorize(
        [{ permission: sloRegisterPermission }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `Registering SLOs needs the ${sloRegisterPermission.name} permission`,
        );
      }
    }
    const body = req.body as {
      entityRef: string;
      openslo: string;
      file?: string;
    };
    const entityRef = canonicalEntityRef(body.entityRef);
    const file = body.file ?? 'slos.yaml';
    const parsed = parseOpenSlo(body.openslo, file);
    if (!parsed.ok) {
      sendInvalid(
        req,
        res,
        400,
        'InputError',
        `${parsed.issues.length} problem(s) in ${file}; nothing was registered. First: document ${parsed.issues[0].documentIndex} ${parsed.issues[0].path}: ${parsed.issues[0].message}`,
        parsed.issues,
      );
      return;
    }
    const names = new Set<string>();
    for (const slo of parsed.slos) {
      if (names.has(slo.name)) {
        throw new InputError(
          `${file}: SLO name "${slo.name}" is used more than once`,
        );
      }
      names.add(slo.name);
    }
    const result = await stores.definitions.upsertDefinitions(
      entityRef,
      parsed.slos,
      {
        origin: 'registration',
        replaceAll: true,
        now: Date.now(),
      },
    );
    if (
      result.created.length + result.updated.length + result.deleted.length >
      0
    ) {
      logger.info(
        `Registered SLOs of ${entityRef}: ${result.created.length} created, ${result.updated.length} updated, ${result.deleted.length} removed`,
      );
    }
    const response: RegisterSlosResponse = {
      entityRef,
      slos: result.definitions.map(d => ({ id: d.id, name: d.name })),
      ingestionEndpoint: `${await discovery.getExternalBaseUrl('slo')}/v1/sli`,
    };
    res.json(response);
  });

  router.get('/v1/entities/:kind/:namespace/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { kind, namespace, name } = req.params;
    const entityRef = canonicalEntityRef(
      `${kind}:${namespace}/${name}`,
      'path',
    );
    const [{ entity, visible }, definitions] = await Promise.all([
      visibleEntity(entityRef, credentials),
      stores.definitions.listEntityDefinitions(entityRef, {
        includeDeleted: false,
      }),
    ]);
    if (!visible || (!entity && definitions.length === 0)) {
      throw new NotFoundError(`No entity ${entityRef} with SLOs found`);
    }
    const [ownership, statuses, syncErrors] = await Promise.all([
      entity
        ? resolveOwnership(entity, { catalog, credentials })
        : UNKNOWN_OWNERSHIP,
      stores.statuses.readStatuses(definitions.map(d => d.sloKey)),
      stores.definitions.listSyncErrors(entityRef),
    ]);
    const response: EntitySlosResponse = {
      entityRef,
      ownership,
      slos: definitions.map(d => toSummary(d, statuses.get(d.sloKey))),
      syncErrors: syncErrors.map(e => ({
        entityRef: e.entityRef,
        file: e.file,
        documentIndex: e.documentIndex,
        documentName: e.documentName,
        path: e.path,
        message: e.message,
        occurredAt: new Date(e.occurredAt).toISOString(),
      })),
    };
    res.json(response);
  });

  router.get('/v1/slos', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const limit = req.query.limit ? Number(req.query.limit) : DEFAULT_PAGE_SIZE;
    const owners = queryList(req.query.owner).map(o =>
      canonicalEntityRef(o, 'owner', {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    );
    const statuses = queryList(req.query.status) as SloStatusValue[];
    const sort = req.query.sort as PortfolioSortField | undefined;
    const order = req.query.order as 'asc' | 'desc' | undefined;
    const cursor =
      typeof req.query.cursor === 'string'
        ? decodeCursor(req.query.cursor)
        : undefined;
    if (cursor && sort && !('offset' in cursor)) {
      throw new InputError(
        'cursor: belongs to an unsorted listing; drop it or the sort',
      );
    }
    const offset = cursor && 'offset' in cursor ? cursor.offset : 0;
    const page = await stores.statuses.listPortfolio({
      owners,
      statuses,
      limit,
      afterId: cursor && 'afterId' in cursor ? cursor.afterId : undefined,
      sort,
      order,
      offset,
    });

    // Leave out SLOs of entities the caller may not see.
    const refs = [...new Set(page.rows.map(r => r.definition.entityRef))];
    const seen = refs.length
      ? (
          await catalog.getEntitiesByRefs(
            { entityRefs: refs, fields: ['kind', 'metadata.name'] },
            { credentials },
          )
        ).items
      : [];
    const hiddenOrMissing = refs.filter((_, i) => !seen[i]);
    let hidden = new Set<string>();
    if (hiddenOrMissing.length > 0) {
      const own = await catalog.getEntitiesByRefs(
        { entityRefs: hiddenOrMissing, fields: ['kind'] },
        { credentials: await auth.getOwnServiceCredentials() },
      );
      hidden = new Set(hiddenOrMissing.filter((_, i) => own.items[i]));
    }

    const items: PortfolioItem[] = page.rows
      .filter(r => !hidden.has(r.definition.entityRef))
      .map(({ definition, status }) => ({
        id: definition.id,
        entityRef: definition.entityRef,
        name: definition.name,
        ...(definition.definition.displayName
          ? { displayName: definition.definition.displayName }
          : {}),
        serviceOwner: definition.serviceOwner,
        sreOwner: definition.sreOwner,
        target: definition.definition.objectives[0]?.target ?? 0,
        timeWindow: definition.definition.timeWindow.duration,
        sli: status?.sli ?? null,
        budgetRemaining: status?.budgetRemaining ?? null,
        status: status?.status ?? 'no-data',
        evaluatedAt: status ? new Date(status.evaluatedAt).toISOString() : null,
      }));
    const last = page.rows[page.rows.length - 1];
    const response: PortfolioResponse = {
      items,
      totalCount: page.totalCount,
      ...(last && page.rows.length === limit
        ? {
            nextCursor: encodeCursor(
              sort
                ? { offset: offset + page.rows.length }
                : { afterId: last.definition.id },
            ),
          }
        : {}),
    };
    res.json(response);
  });

  router.get('/v1/slos/:id/history', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const id = canonicalSloId(req.params.id);
    const definition = id
      ? await stores.definitions.getDefinition(id)
      : undefined;
    if (!definition) {
      throw new NotFoundError(`No SLO with id ${req.params.id}`);
    }
    const { visible } = await visibleEntity(definition.entityRef, credentials);
    if (!visible) {
      throw new NotFoundError(`No SLO with id ${req.params.id}`);
    }
    const now = Date.now();
    const to = parseInstant(req.query.to, 'to') ?? now;
    const from =
      parseInstant(req.query.from, 'from') ??
      resolveWindow(definition.definition.timeWindow, to).start;
    if (from >= to) {
      throw new InputError('from: must be before to');
    }
    const points = req.query.points
      ? Number(req.query.points)
      : DEFAULT_HISTORY_POINTS;
    if (
      !Number.isInteger(points) ||
      points < 1 ||
      points > MAX_HISTORY_POINTS
    ) {
      throw new InputError(
        `points: must be a whole number from 1 to ${MAX_HISTORY_POINTS}`,
      );
    }
    const [series, events] = await Promise.all([
      computeSloHistory(stores.sliData, definition, { from, to, points }),
      stores.events.listEvents(definition.entityRef, from, to),
    ]);
    const response: SloHistoryResponse = {
      id: definition.id,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      points: series,
      events: events
        .filter(e => e.sloId === null || e.sloId === definition.id)
        .map(e => ({
          at: new Date(e.at).toISOString(),
          type: e.type,
          title: e.title,
        })),
    };
    res.json(response);
  });

  return router;
}
