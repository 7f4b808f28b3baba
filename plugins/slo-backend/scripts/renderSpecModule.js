const YAML = require('yaml');

/** Renders the OpenAPI YAML as a TypeScript module exporting the spec object. */
function renderSpecModule(yamlText) {
  const spec = YAML.parse(yamlText);
  return `// Generated from src/schema/openapi.yaml by scripts/generate-openapi-spec.js; do not edit.
/* eslint-disable */

/** The SLO Kit backend's OpenAPI 3.1 specification. */
export const spec = ${JSON.stringify(spec, null, 2)} as const;
`;
}

module.exports = { renderSpecModule };
