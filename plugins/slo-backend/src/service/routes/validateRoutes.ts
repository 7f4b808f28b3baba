import { HttpAuthService } from '@backstage/backend-plugin-api';
import { parseOpenSlo, ValidateSlosResponse } from '@slo-kit/plugin-slo-common';
import { SloApiRouter } from '../../schema/createOpenApiRouter';
import { DEFAULT_OPENSLO_FILE } from './registrationRoutes';

/**
 * `POST /v1/validate`: checks an OpenSLO file with the parser registration
 * and catalog sync use, and answers the verdict with every located problem.
 * Stores nothing, so any user, Backstage plugin or external-access token may
 * call it (CI validates slos.yaml before merging); the body limit is the
 * registration's (`slo.registration.maxBodyBytes`, 413 beyond it).
 */
export function addValidateRoutes(
  router: SloApiRouter,
  deps: { httpAuth: HttpAuthService },
) {
  const { httpAuth } = deps;
  router.post('/v1/validate', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const file = req.body.fileName ?? DEFAULT_OPENSLO_FILE;
    const parsed = parseOpenSlo(req.body.yaml, file);
    const answer: ValidateSlosResponse = parsed.ok
      ? {
          valid: true,
          issues: [],
          issueCount: 0,
          slos: parsed.slos.map(slo => ({
            name: slo.name,
            ...(slo.displayName !== undefined
              ? { displayName: slo.displayName }
              : {}),
          })),
        }
      : {
          valid: false,
          issues: parsed.issues,
          issueCount: parsed.issueCount,
          slos: [],
        };
    res.json(answer);
  });
}
