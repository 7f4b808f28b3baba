import { readFileSync } from 'node:fs';
import path from 'node:path';
import { routerOptionsWithoutHandlers } from '../__testUtils__/routerOptions';
import { createRouter } from '../service/router';
import { OPENAPI_SPEC_PATH, readOpenApiSpec } from './openapiSpec';

/** Where `yarn schema:generate` writes the API types. */
const GENERATED_TYPES = path.resolve(
  __dirname,
  '../../../slo-common/src/api/generated/openapi.ts',
);

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'];

describe('OpenAPI spec', () => {
  it('has generated API types in step with openapi.yaml (run yarn schema:generate)', async () => {
    const {
      default: openapiTS,
      astToString,
      COMMENT_HEADER,
    } = require('openapi-typescript');
    const expected =
      COMMENT_HEADER +
      astToString(await openapiTS(readFileSync(OPENAPI_SPEC_PATH, 'utf8')));
    expect(readFileSync(GENERATED_TYPES, 'utf8')).toBe(expected);
  });

  it('is an OpenAPI 3.1 document whose operations all have an id', () => {
    const spec = readOpenApiSpec() as any;
    expect(spec.openapi).toBe('3.1.0');
    for (const [route, item] of Object.entries<any>(spec.paths)) {
      for (const method of HTTP_METHODS.filter(m => item[m])) {
        expect({ route, method, id: item[method].operationId }).toEqual({
          route,
          method,
          id: expect.stringMatching(/^[A-Z][A-Za-z]+$/),
        });
      }
    }
  });

  it('documents exactly the routes the router serves', async () => {
    const spec = readOpenApiSpec() as any;
    const documented = Object.entries<any>(spec.paths)
      .flatMap(([route, item]) =>
        HTTP_METHODS.filter(m => item[m]).map(m => `${m} ${route}`),
      )
      .sort();

    const router = await createRouter(routerOptionsWithoutHandlers());
    const served = (router.stack as any[])
      .filter(layer => layer.route)
      .flatMap(layer =>
        Object.keys(layer.route.methods).map(
          method =>
            `${method} ${String(layer.route.path).replace(
              /:([A-Za-z]+)/g,
              '{$1}',
            )}`,
        ),
      )
      // The validated router adds the spec route itself.
      .filter(route => route !== 'get /openapi.json')
      .sort();

    expect(served).toEqual(documented);
  });
});
