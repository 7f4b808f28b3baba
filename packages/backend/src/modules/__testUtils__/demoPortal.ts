import {
  HttpAuthService,
  LoggerService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import request from 'supertest';

/**
 * A `userInfo` service answering from a fixed membership table, as the auth
 * backend would resolve it from the catalog at sign-in (direct groups only).
 */
export function userInfoFromMembership(membership: Record<string, string[]>) {
  return createServiceFactory({
    service: coreServices.userInfo,
    deps: {},
    factory: () => ({
      async getUserInfo(credentials: any) {
        const userEntityRef: string = credentials.principal.userEntityRef;
        return {
          userEntityRef,
          ownershipEntityRefs: [
            userEntityRef,
            ...(membership[userEntityRef] ?? []),
          ],
        };
      },
    }),
  });
}

/**
 * The mock httpAuth, except that a plugin's request on behalf of a user is
 * seen as the user with the plugin as actor, as real Backstage tokens are:
 * the permission backend only answers conditional queries made that way.
 */
export const httpAuthWithActors = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }): HttpAuthService {
    const inner = mockServices.httpAuth({ pluginId: plugin.getId() });
    const prefix = 'Bearer mock-service-token:';
    return {
      async credentials(req: any, options?: any) {
        const credentials = await inner.credentials(req, options);
        const header: string = req.headers.authorization ?? '';
        const obo = header.startsWith(prefix)
          ? JSON.parse(header.slice(prefix.length)).obo
          : undefined;
        return obo
          ? (mockCredentials.user(obo, {
              actor: { subject: 'plugin:caller' },
            }) as any)
          : credentials;
      },
      issueUserCookie: (res, options) => inner.issueUserCookie(res, options),
    };
  },
});

/** One log line as a plugin's logger received it, with the fields of its children. */
export interface CapturedLog {
  plugin: string;
  level: 'error' | 'warn' | 'info' | 'debug';
  message: string;
  fields: Record<string, unknown>;
  meta?: unknown;
}

function capturingLogger(
  plugin: string,
  logs: CapturedLog[],
  fields: Record<string, unknown>,
): LoggerService {
  const log =
    (level: CapturedLog['level']) => (message: string, meta?: unknown) => {
      logs.push({ plugin, level, message, fields, meta });
    };
  return {
    error: log('error'),
    warn: log('warn'),
    info: log('info'),
    debug: log('debug'),
    child: more => capturingLogger(plugin, logs, { ...fields, ...more }),
  };
}

/**
 * Plugin loggers that keep every line in `logs`, so a test can read what
 * Backstage's real auditor wrote (lines with `isAuditEvent: true`).
 */
export function capturingLoggers(logs: CapturedLog[]) {
  return createServiceFactory({
    service: coreServices.logger,
    deps: { plugin: coreServices.pluginMetadata },
    factory: ({ plugin }) => capturingLogger(plugin.getId(), logs, {}),
  });
}

/** Waits until the catalog serves `path` (it reads its locations after startup). */
export async function waitForCatalog(server: any, path: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await request(server)
      .get(`/api/catalog/entities/by-name/${path}`)
      .set('Authorization', mockCredentials.user.header());
    if (res.status === 200) return;
    if (Date.now() > deadline) {
      throw new Error(
        `catalog did not load ${path}: ${res.status} ${JSON.stringify(
          res.body,
        )}`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}
