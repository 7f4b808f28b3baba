import { HttpAuthService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { SloApiRouter } from '../../schema/createOpenApiRouter';
import {
  SliBatchTooLargeError,
  SliBatchValidationError,
} from '../ingestion/SliBatchError';
import { SliIngestion } from '../ingestion/SliIngestion';
import { sendInvalid } from './errorResponses';
import { IngestionScope } from './ingestionScope';

/**
 * `POST /v1/sli`: a batch of SLI points from a service or an external-access
 * token, written all or nothing. Bad points get 400 with every issue, too many
 * points 413, points for entities outside the caller's scope 403.
 */
export function addIngestionRoutes(
  router: SloApiRouter,
  deps: {
    httpAuth: HttpAuthService;
    ingestion: SliIngestion;
    scope: IngestionScope;
  },
) {
  const { httpAuth, ingestion, scope } = deps;
  router.post('/v1/sli', async (req, res) => {
    const { principal } = await httpAuth.credentials(req, {
      allow: ['service'],
    });
    const refused = scope.refusedSloIds(principal.subject, req.body);
    if (refused.length > 0) {
      throw new NotAllowedError(
        `${principal.subject} may not write SLI data for ${
          refused.length
        } SLO(s) of this batch (slo.ingestion.writers limits it), e.g. ${refused
          .slice(0, 3)
          .join(', ')}; nothing was written`,
      );
    }
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
}
