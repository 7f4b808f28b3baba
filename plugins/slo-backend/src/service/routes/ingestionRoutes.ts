import { HttpAuthService, LoggerService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { SloApiRouter } from '../../schema/createOpenApiRouter';
import {
  SliBatchTooLargeError,
  SliBatchValidationError,
} from '../ingestion/SliBatchError';
import { SliIngestion } from '../ingestion/SliIngestion';
import { isDatabaseUnavailable } from './databaseUnavailable';
import { sendInvalid } from './errorResponses';
import { IngestionScope } from './ingestionScope';

/** `Retry-After` of a batch refused because the database is unavailable. */
const RETRY_AFTER_SECONDS = 5;

/**
 * `POST /v1/sli`: a batch of SLI points from a service or an external-access
 * token, written all or nothing. Bad points get 400 with every issue, too many
 * points 413, points for entities outside the caller's scope 403. When the
 * database cannot be reached (down, restarting, no connection free) it answers
 * 503 with `Retry-After`: nothing was written and the same batch may be sent
 * again, as remote-write senders do with any 5xx.
 */
export function addIngestionRoutes(
  router: SloApiRouter,
  deps: {
    httpAuth: HttpAuthService;
    logger: LoggerService;
    ingestion: SliIngestion;
    scope: IngestionScope;
  },
) {
  const { httpAuth, logger, ingestion, scope } = deps;
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
      if (isDatabaseUnavailable(error)) {
        logger.warn(
          'SLI batch refused with 503: the database is unavailable',
          error as Error,
        );
        res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
        sendInvalid(
          req,
          res,
          503,
          'ServiceUnavailableError',
          `The SLO database is unavailable; nothing was written. Send the batch again (retry after ${RETRY_AFTER_SECONDS} s)`,
        );
        return;
      }
      throw error;
    }
  });
}
