import { SloApiRouter } from '../../schema/createOpenApiRouter';

/** `GET /health`: liveness, no credentials needed (see the plugin's auth policy). */
export function addHealthRoutes(router: SloApiRouter) {
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
}
