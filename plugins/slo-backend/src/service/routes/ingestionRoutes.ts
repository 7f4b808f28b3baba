import { HttpAuthService } from '@backstage/backend-plugin-api';
import { SloApiRouter } from '../../schema/createOpenApiRouter';
import {
  SliBatchTooLargeError,
  SliBatchValidationError,
} from '../ingestion/SliBatchError';
import { SliIngestion } from '../ingestion/SliIngestion';
import { sendInvalid } from './errorResponses';

/**
 * `POST /v1/sli`: a batch of SLI points from a service or an external-access
 * token, written all or nothing. Bad points get 400 with every issue, too many
 * points 413.
 */
export function addIngestionRoutes(
  router: SloApiRouter,
  deps: { httpAuth: HttpAuthService; ingestion: SliIngestion },
) {
  const { httpAuth, ingestion } = deps;
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
}
