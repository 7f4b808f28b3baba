import {
  TypedRouter,
  createValidatedOpenApiRouterFromGeneratedEndpointMap,
} from '@backstage/backend-openapi-utils';
import { EndpointMap } from './EndpointMap';
import { readOpenApiSpec } from './openapiSpec';

/** An express router whose handlers are typed by the OpenAPI spec. */
export type SloApiRouter = TypedRouter<EndpointMap>;

type RouterOptions = Parameters<
  typeof createValidatedOpenApiRouterFromGeneratedEndpointMap
>[1];

/**
 * A router that validates every request against `openapi.yaml` (answering
 * 400 with the validator's message otherwise) and types each handler's path
 * parameters, query, body and response by the operation it serves.
 */
export function createOpenApiRouter(options?: RouterOptions): SloApiRouter {
  const spec = readOpenApiSpec() as Parameters<
    typeof createValidatedOpenApiRouterFromGeneratedEndpointMap
  >[0];
  return createValidatedOpenApiRouterFromGeneratedEndpointMap<EndpointMap>(
    spec,
    options,
  );
}
