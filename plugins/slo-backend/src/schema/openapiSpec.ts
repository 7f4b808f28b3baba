import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** Where the OpenAPI spec of this plugin lives, inside the package. */
export const OPENAPI_SPEC_PATH = resolvePackagePath(
  '@slo-kit/plugin-slo-backend',
  'src/schema/openapi.yaml',
);

/**
 * The plugin's OpenAPI 3.1 spec, read from `openapi.yaml`: the one contract
 * that requests are validated against at runtime and that the API types in
 * `@slo-kit/plugin-slo-common` are generated from.
 */
export function readOpenApiSpec(): Record<string, unknown> {
  return parse(readFileSync(OPENAPI_SPEC_PATH, 'utf8'));
}
