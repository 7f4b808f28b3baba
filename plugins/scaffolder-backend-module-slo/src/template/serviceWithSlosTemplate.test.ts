import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  ANNOTATION_OPENSLO_REF,
  ANNOTATION_RELEASE_POLICY,
  ANNOTATION_SOURCE_TEMPLATE,
  ANNOTATION_SRE_OWNER,
  parseOpenSlo,
} from '@slo-kit/plugin-slo-common';
import { createTemplateRenderer } from 'nunjitsu';
import yaml from 'yaml';
import { createSloDefinitionsAction } from '../actions/createSloDefinitions';

/**
 * Runs the golden-path template's own files the way the scaffolder does:
 * its step inputs and skeleton are rendered with the scaffolder's template
 * engine, the OpenSLO step runs the real action, and the result must pass
 * the same validation as `slo-kit validate`.
 */

const templateDir = path.resolve(
  __dirname,
  '../../../../templates/service-with-slos',
);

type Step = { id: string; action: string; if?: string; input: any };
type ParameterPage = {
  properties: Record<string, { default?: unknown }>;
  dependencies?: Record<
    string,
    { oneOf: Array<{ properties: Record<string, any> }> }
  >;
};

const template = yaml.parse(
  readFileSync(path.join(templateDir, 'template.yaml'), 'utf8'),
);
const steps: Step[] = template.spec.steps;
const pages: ParameterPage[] = template.spec.parameters;

/** The scaffolder's renderer (same options as its workflow runner). */
const renderer = createTemplateRenderer({ allowRegexExecution: true });

function renderInput(value: unknown, context: object): unknown {
  if (typeof value === 'string') {
    return renderer.renderValue(value, context as any);
  }
  if (Array.isArray(value)) {
    return value.map(v => renderInput(v, context));
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .map(([k, v]) => [k, renderInput(v, context)] as const)
        .filter(([, v]) => v !== undefined),
    );
  }
  return value;
}

/** What the form submits: the defaults declared in the template plus the user's answers. */
function formData(answers: Record<string, unknown>): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const page of pages) {
    for (const [name, schema] of Object.entries(page.properties)) {
      if (schema.default !== undefined) {
        data[name] = schema.default;
      }
    }
  }
  Object.assign(data, answers);
  // Fields revealed by a dependency get their defaults once revealed.
  for (const page of pages) {
    for (const [field, dependency] of Object.entries(page.dependencies ?? {})) {
      for (const branch of dependency.oneOf) {
        const selector = branch.properties[field];
        const selected =
          selector.const === data[field] ||
          (selector.enum ?? []).includes(data[field]);
        if (!selected) {
          continue;
        }
        for (const [name, schema] of Object.entries(branch.properties)) {
          if (name !== field && data[name] === undefined && schema.default) {
            data[name] = schema.default;
          }
        }
      }
    }
  }
  return data;
}

function stepFor(action: string): Step {
  const step = steps.find(s => s.action === action);
  if (!step) {
    throw new Error(`template.yaml has no ${action} step`);
  }
  return step;
}

function renderSkeleton(values: Record<string, unknown>) {
  const skeletonDir = path.join(templateDir, 'skeleton');
  const context = renderer.prepareContext({ values: values as any });
  const files: Record<string, string> = {};
  const walk = (relativeDir: string) => {
    for (const entry of readdirSync(path.join(skeletonDir, relativeDir))) {
      const relative = path.join(relativeDir, entry);
      if (statSync(path.join(skeletonDir, relative)).isDirectory()) {
        walk(relative);
      } else {
        files[relative] = renderer.render(
          readFileSync(path.join(skeletonDir, relative), 'utf8'),
          context,
        );
      }
    }
  };
  walk('');
  return files;
}

const combinations: Array<[string, Record<string, unknown>]> = [
  ['the defaults', {}],
  [
    'a rolling 30 days at 99.0% with Timeslices',
    {
      availabilityTarget: 99.0,
      window: '30d',
      budgetingMethod: 'Timeslices',
      latencyThresholdMs: 1000,
      latencyTarget: 95,
    },
  ],
  [
    'a calendar month in New York with RatioTimeslices',
    {
      availabilityTarget: 99.95,
      window: 'calendar-month',
      timeZone: 'America/New_York',
      budgetingMethod: 'RatioTimeslices',
      latencyThresholdMs: 250,
      latencyTarget: 99.5,
    },
  ],
  [
    'a calendar month with the default time zone',
    { availabilityTarget: 99.5, window: 'calendar-month', latencyTarget: 90 },
  ],
  [
    'a half-hour time zone and a 15 ms threshold',
    {
      window: 'calendar-month',
      timeZone: 'Asia/Kolkata',
      latencyThresholdMs: 15,
      latencyTarget: 99.99,
    },
  ],
];

describe('templates/service-with-slos', () => {
  const mockDir = createMockDirectory();

  beforeEach(() => mockDir.clear());

  it('is owned by the platform team and runs the SLO steps before publishing', () => {
    expect(template.apiVersion).toBe('scaffolder.backstage.io/v1beta3');
    expect(template.metadata.name).toBe('service-with-slos');
    expect(template.spec.owner).toBe('group:default/platform');
    expect(steps.map(s => s.action)).toEqual([
      'fetch:template',
      'slo:definitions:create',
      'slo:register',
      'publish:github',
      'catalog:register',
      'slo:publish:local',
    ]);
    expect(stepFor('fetch:template').input.values.sourceTemplate).toBe(
      `template:default/${template.metadata.name}`,
    );
  });

  it.each([
    ['portal', {}, ['slo:publish:local']],
    [
      'github',
      { publishTo: 'github', repoUrl: 'github.com?owner=acme&repo=payments' },
      ['publish:github', 'catalog:register'],
    ],
  ])(
    'publishing to %s runs only its publishing steps',
    (_name, answers, expected) => {
      const parameters = formData({ name: 'payments', ...answers });
      const publishing = steps.filter(s => s.if !== undefined);
      const running = publishing.filter(s =>
        Boolean(renderer.renderValue(s.if!, { parameters } as any)),
      );
      expect(running.map(s => s.action)).toEqual(expected);
    },
  );

  it.each([
    ['portal', {}, ['Open payments in the catalog', 'SLO portfolio']],
    [
      'github',
      { publishTo: 'github', repoUrl: 'github.com?owner=acme&repo=payments' },
      ['Open payments in the catalog', 'Repository', 'SLO portfolio'],
    ],
  ])(
    'publishing to %s shows the matching output links',
    (_name, answers, titles) => {
      const parameters = formData({ name: 'payments', ...answers });
      const context = { parameters, steps: {} };
      // Like the scaffolder: links are rendered first (a value rendering to
      // undefined disappears, `if` included), then a link whose remaining `if`
      // is falsy is dropped.
      const rendered = renderInput(
        template.spec.output.links,
        context,
      ) as Array<Record<string, unknown>>;
      const shown = rendered.filter(
        link => !('if' in link) || Boolean(link.if),
      );
      expect(shown.map(link => link.title)).toEqual(titles);
    },
  );

  it.each(combinations)(
    'renders OpenSLO that passes slo-kit validation for %s',
    async (_name, answers) => {
      const parameters = formData({
        name: 'payments-api',
        description: 'Takes payments',
        owner: 'group:default/payments',
        ...answers,
      });
      const input = renderInput(stepFor('slo:definitions:create').input, {
        parameters,
        steps: {},
      }) as any;
      const workspacePath = mockDir.resolve('workspace');
      mockDir.setContent({ workspace: {} });
      const ctx = createMockActionContext({ workspacePath, input });

      await createSloDefinitionsAction().handler(ctx);

      const file = input.targetPath ?? 'slos.yaml';
      const result = parseOpenSlo(
        readFileSync(path.join(workspacePath, file), 'utf8'),
        file,
      );
      if (!result.ok) {
        throw new Error(
          `slos.yaml is invalid: ${JSON.stringify(result.issues, null, 2)}`,
        );
      }
      expect(result.slos.map(s => s.name)).toEqual([
        'payments-api-availability',
        'payments-api-latency',
      ]);
      const [availability, latency] = result.slos;
      expect(availability.objectives[0].target).toBeCloseTo(
        (parameters.availabilityTarget as number) / 100,
        10,
      );
      expect(latency.objectives[0].target).toBeCloseTo(
        (parameters.latencyTarget as number) / 100,
        10,
      );
      expect(availability.budgetingMethod).toBe(parameters.budgetingMethod);
      const expectedWindow =
        parameters.window === 'calendar-month'
          ? { kind: 'calendar', timeZone: parameters.timeZone }
          : { kind: 'rolling', duration: parameters.window };
      expect(availability.timeWindow).toMatchObject(expectedWindow);
      expect(latency.timeWindow).toMatchObject(expectedWindow);
    },
  );

  it.each(combinations)(
    'renders a skeleton with a valid catalog-info.yaml, package.json and README for %s',
    (_name, answers) => {
      const parameters = formData({
        name: 'payments-api',
        description: 'Takes payments: "fast", safely',
        owner: 'group:default/payments',
        system: 'system:default/shop',
        ...answers,
      });
      const values = renderInput(stepFor('fetch:template').input.values, {
        parameters,
      }) as Record<string, unknown>;

      const files = renderSkeleton(values);

      expect(Object.keys(files).sort()).toEqual([
        '.github/workflows/ci.yaml',
        '.gitignore',
        'README.md',
        'catalog-info.yaml',
        'package.json',
        'src/index.ts',
        'tsconfig.json',
      ]);
      const entity = yaml.parse(files['catalog-info.yaml']);
      expect(entity).toEqual({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'payments-api',
          description: 'Takes payments: "fast", safely',
          annotations: {
            [ANNOTATION_SOURCE_TEMPLATE]: 'template:default/service-with-slos',
            [ANNOTATION_OPENSLO_REF]: './slos.yaml',
            [ANNOTATION_SRE_OWNER]: 'group:default/sre',
            [ANNOTATION_RELEASE_POLICY]: 'default',
          },
          tags: ['typescript', 'golden-path'],
        },
        spec: {
          type: 'service',
          lifecycle: 'experimental',
          owner: 'group:default/payments',
          system: 'system:default/shop',
        },
      });
      const packageJson = JSON.parse(files['package.json']);
      expect(packageJson.name).toBe('payments-api');
      // CI installs the service's packages; none of SLO Kit is needed there.
      expect(JSON.stringify(packageJson)).not.toContain('slo-kit');
      const workflowText = files['.github/workflows/ci.yaml'];
      const workflow = yaml.parse(workflowText);
      expect(workflow.env.SLO_KIT_ENTITY).toBe(
        'component:default/payments-api',
      );
      const runOf = (job: string, step: string) =>
        workflow.jobs[job].steps.find((s: any) => s.name === step).run;
      expect(runOf('build', 'Validate the SLOs')).toContain(
        '/api/slo/v1/validate',
      );
      expect(runOf('release-gate', 'Ask the release gate')).toContain(
        '/api/slo/v1/gate/evaluations',
      );
      expect(runOf('deploy', 'Record the deploy')).toContain(
        '/api/slo/v1/events',
      );
      // What is left of ${{ … }} after rendering is for GitHub, not the template.
      const expressions = [...workflowText.matchAll(/\$\{\{(.*?)\}\}/g)].map(
        m => m[1].trim(),
      );
      expect(expressions.length).toBeGreaterThan(0);
      for (const expression of expressions) {
        expect(expression).toMatch(/^(secrets|vars|github|inputs)\.[\w.]+$/);
      }
      expect(workflowText).not.toMatch(/\{%|%\}/);
      expect(files['src/index.ts']).toContain(
        "const serviceName = 'payments-api';",
      );
      const readme = files['README.md'];
      expect(readme).toContain('`payments-api-availability`');
      expect(readme).toContain('`payments-api-latency`');
      expect(readme).toContain(`${parameters.availabilityTarget}%`);
      expect(readme).toContain('`group:default/sre` (SRE owner)');
      expect(readme).toContain('the platform team');
    },
  );

  it('leaves spec.system out when no system is chosen', () => {
    const parameters = formData({
      name: 'payments-api',
      description: 'Takes payments',
      owner: 'group:default/payments',
    });
    const values = renderInput(stepFor('fetch:template').input.values, {
      parameters,
    }) as Record<string, unknown>;

    const entity = yaml.parse(renderSkeleton(values)['catalog-info.yaml']);

    expect(entity.spec).toEqual({
      type: 'service',
      lifecycle: 'experimental',
      owner: 'group:default/payments',
    });
  });
});
