import {
  DiscoveryService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { canonicalEntityRef, parseOpenSlo } from '@slo-kit/plugin-slo-common';
import { SloStores } from '../../database/SloStores';
import { SloApiRouter } from '../../schema/createOpenApiRouter';
import { EntityVisibility } from './entityVisibility';
import { sendInvalid } from './errorResponses';
import { RegistrationAccess } from './registrationAccess';

/** File name used in messages when a registration names none. */
const DEFAULT_OPENSLO_FILE = 'slos.yaml';

/**
 * `POST /v1/slos`: registers an entity's OpenSLO definitions, replacing the
 * ones it registered before; SLOs missing from the new file are retired.
 * Who may call it is decided by {@link RegistrationAccess}.
 */
export function addRegistrationRoutes(
  router: SloApiRouter,
  deps: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    discovery: DiscoveryService;
    logger: LoggerService;
    visibility: EntityVisibility;
    stores: Pick<SloStores, 'definitions'>;
  },
) {
  const { httpAuth, discovery, logger, stores } = deps;
  const access = new RegistrationAccess({
    permissions: deps.permissions,
    visibility: deps.visibility,
    definitions: stores.definitions,
  });
  router.post('/v1/slos', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entityRef = canonicalEntityRef(req.body.entityRef);
    await access.assertMayRegister(entityRef, credentials);
    const file = req.body.file ?? DEFAULT_OPENSLO_FILE;
    const parsed = parseOpenSlo(req.body.openslo, file);
    if (!parsed.ok) {
      const [first] = parsed.issues;
      sendInvalid(
        req,
        res,
        400,
        'InputError',
        `${parsed.issues.length} problem(s) in ${file}; nothing was registered. First: document ${first.documentIndex} ${first.path}: ${first.message}`,
        parsed.issues,
      );
      return;
    }
    const result = await stores.definitions.upsertDefinitions(
      entityRef,
      parsed.slos,
      { origin: 'registration', replaceAll: true, now: Date.now() },
    );
    const { created, updated, deleted } = result;
    if (created.length + updated.length + deleted.length > 0) {
      logger.info(
        `Registered SLOs of ${entityRef}: ${created.length} created, ${updated.length} updated, ${deleted.length} removed`,
      );
    }
    res.json({
      entityRef,
      slos: result.definitions.map(d => ({ id: d.id, name: d.name })),
      ingestionEndpoint: `${await discovery.getExternalBaseUrl('slo')}/v1/sli`,
    });
  });
}
