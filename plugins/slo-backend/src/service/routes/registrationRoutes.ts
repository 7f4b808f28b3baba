import {
  DiscoveryService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  OpenSloIssue,
  canonicalEntityRef,
  parseOpenSlo,
} from '@slo-kit/plugin-slo-common';
import { SloStores } from '../../database/SloStores';
import { SloApiRouter } from '../../schema/createOpenApiRouter';
import { EntityVisibility } from './entityVisibility';
import { sendInvalid } from './errorResponses';
import { RegistrationAccess } from './registrationAccess';

/** File name used in messages when a registration names none. */
export const DEFAULT_OPENSLO_FILE = 'slos.yaml';

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
      sendInvalid(
        req,
        res,
        400,
        'InputError',
        describeRefusedFile(file, parsed.issues, parsed.issueCount),
        parsed.issues,
        parsed.issueCount,
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

/**
 * `3 problems in slos.yaml; nothing was registered. First: slos.yaml,
 * document 0 (api), spec.objectives[0].target: <reason>`.
 */
function describeRefusedFile(
  file: string,
  issues: OpenSloIssue[],
  issueCount: number,
): string {
  const [first] = issues;
  const problems = `${issueCount} problem${issueCount === 1 ? '' : 's'}`;
  const listed =
    issueCount > issues.length
      ? ` (the first ${issues.length} are listed)`
      : '';
  const document = `document ${first.documentIndex}${
    first.documentName !== undefined ? ` (${first.documentName})` : ''
  }`;
  return `${problems} in ${file}${listed}; nothing was registered. First: ${
    first.file
  }, ${document}, ${first.path || '(whole document)'}: ${first.message}`;
}
