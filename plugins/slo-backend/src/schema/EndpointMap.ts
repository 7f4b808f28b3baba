import type { SloApiPaths } from '@slo-kit/plugin-slo-common';

/**
 * The typed routes of the SLO Kit API in the shape Backstage's
 * `createValidatedOpenApiRouterFromGeneratedEndpointMap` expects: one entry
 * per operation, keyed `#<method>|<path>` (`_delete` for DELETE), holding its
 * path parameters, query, JSON body and JSON 200 (or 201) response.
 *
 * Derived from the types generated from `openapi.yaml`, so adding an
 * operation to the spec and regenerating types it here too.
 */
export type EndpointMap = {
  [Key in EndpointKey]: Key extends `#${infer Method}|${infer Path}`
    ? Path extends keyof SloApiPaths
      ? Endpoint<Operation<Path, MethodOfKey<Method>>>
      : never
    : never;
};

type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'patch';

/** Backstage's endpoint maps spell DELETE as `_delete`. */
type KeyMethod<M extends HttpMethod> = M extends 'delete' ? '_delete' : M;
type MethodOfKey<K extends string> = K extends '_delete'
  ? 'delete'
  : K & HttpMethod;

type Operation<
  Path extends keyof SloApiPaths,
  Method extends HttpMethod,
> = NonNullable<SloApiPaths[Path][Method]>;

/** `#<method>|<path>` of every operation the spec defines. */
type EndpointKey = {
  [Path in keyof SloApiPaths & string]: {
    [Method in HttpMethod]: [Operation<Path, Method>] extends [never]
      ? never
      : `#${KeyMethod<Method>}|${Path}`;
  }[HttpMethod];
}[keyof SloApiPaths & string];

type JsonContent<T> = T extends { content: { 'application/json': infer Body } }
  ? Body
  : unknown;

type Endpoint<Op> = Op extends {
  parameters: { query?: infer Query; path?: infer PathParams };
  responses: infer Responses;
}
  ? {
      path: NonNullable<PathParams>;
      query: NonNullable<Query>;
      body: Op extends { requestBody?: infer Body }
        ? JsonContent<NonNullable<Body>>
        : unknown;
      response: Responses extends { 200: infer Ok }
        ? JsonContent<Ok>
        : Responses extends { 201: infer Created }
        ? JsonContent<Created>
        : unknown;
    }
  : never;
