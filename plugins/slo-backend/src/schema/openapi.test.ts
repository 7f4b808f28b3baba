import fs from 'node:fs';
import path from 'node:path';

// eslint-disable-next-line @backstage/no-relative-monorepo-imports
const { renderSpecModule } = require('../../scripts/renderSpecModule');

describe('OpenAPI spec', () => {
  it('has a generated module in step with openapi.yaml (run yarn schema:generate)', () => {
    const yamlText = fs.readFileSync(
      path.join(__dirname, 'openapi.yaml'),
      'utf8',
    );
    const generated = fs.readFileSync(
      path.join(__dirname, 'openapi/generated/spec.ts'),
      'utf8',
    );
    expect(generated).toBe(renderSpecModule(yamlText));
  });

  it('documents every route the router serves', () => {
    const { spec } = require('./openapi/generated/spec');
    expect(Object.keys(spec.paths).sort()).toEqual([
      '/health',
      '/v1/entities/{kind}/{namespace}/{name}',
      '/v1/sli',
      '/v1/slos',
      '/v1/slos/{id}/history',
    ]);
    expect(spec.openapi).toBe('3.1.0');
  });
});
