import {
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import request from 'supertest';
import { openSloYaml } from '@slo-kit/plugin-slo-common/testUtils';
import { sloPlugin } from '../../plugin';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
/** A Backstage plugin calling on its own behalf: may register any entity's SLOs. */
const SERVICE = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('plugin:scaffolder'),
  targetPluginId: 'slo',
});
const ENTITY = 'component:default/payments';
const FILE = 'slos.yaml';

/** One valid SLO document named `name`, with `spec` lines replaced where given. */
function slo(
  name: string,
  spec: Partial<
    Record<'window' | 'method' | 'objectives' | 'indicator', string>
  > = {},
): string {
  return `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${name}
spec:
${
  spec.indicator ??
  `  indicator:
    spec:
      ratioMetric:
        good: { metricSource: { type: push } }
        total: { metricSource: { type: push } }`
}
  timeWindow: ${spec.window ?? '{ duration: 28d, isRolling: true }'}
  budgetingMethod: ${spec.method ?? 'Occurrences'}
  objectives: ${spec.objectives ?? '[{ target: 0.99 }]'}
`;
}

const ALIAS_BOMB = [
  'a: &a ["x","x","x","x","x","x","x","x","x"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
].join('\n');

/** What a located issue in the response names: document, path and reason. */
interface ExpectedIssue {
  documentIndex: number;
  path: string;
  message: RegExp;
}

interface Case {
  body: unknown;
  status: number;
  message: RegExp;
  issue?: ExpectedIssue;
  auth?: 'none';
}

const cases: Array<[string, Case]> = [
  // Types of the request body (checked against the OpenAPI spec).
  [
    'a missing entityRef',
    { body: { openslo: slo('a') }, status: 400, message: /entityRef/ },
  ],
  [
    'an empty entityRef',
    {
      body: { entityRef: '', openslo: slo('a') },
      status: 400,
      message: /entityRef/,
    },
  ],
  [
    'a missing openslo',
    { body: { entityRef: ENTITY }, status: 400, message: /openslo/ },
  ],
  [
    'openslo that is not a string',
    {
      body: { entityRef: ENTITY, openslo: 42 },
      status: 400,
      message: /openslo/,
    },
  ],
  [
    'openslo given as an object',
    {
      body: { entityRef: ENTITY, openslo: { apiVersion: 'openslo/v1' } },
      status: 400,
      message: /openslo/,
    },
  ],
  [
    'an extra field',
    {
      body: { entityRef: ENTITY, openslo: slo('a'), owner: 'group:default/x' },
      status: 400,
      message: /owner|additional/,
    },
  ],
  [
    'an empty file name',
    {
      body: { entityRef: ENTITY, openslo: slo('a'), file: '' },
      status: 400,
      message: /file/,
    },
  ],
  // Entity refs.
  [
    'an entity ref without kind and namespace separators',
    {
      body: { entityRef: 'not a ref!', openslo: slo('a') },
      status: 400,
      message: /entityRef: "not a ref!" is not a valid entity ref/,
    },
  ],
  [
    'an entity ref with an empty name',
    {
      body: { entityRef: 'component:default/', openslo: slo('a') },
      status: 400,
      message: /entityRef: .* is not a valid entity ref/,
    },
  ],
  [
    'an entity ref with a 300-character name',
    {
      body: {
        entityRef: `component:default/${'n'.repeat(300)}`,
        openslo: slo('a'),
      },
      status: 400,
      message: /entityRef: .* is not a valid entity ref/,
    },
  ],
  // YAML.
  [
    'a YAML syntax error',
    {
      body: {
        entityRef: ENTITY,
        openslo: 'apiVersion: openslo/v1\nkind: [SLO\n',
      },
      status: 400,
      message: /slos\.yaml, document 0/,
      issue: {
        documentIndex: 0,
        path: '',
        message: /^invalid YAML \(line \d+, column \d+\)/,
      },
    },
  ],
  [
    'an alias bomb',
    {
      body: { entityRef: ENTITY, openslo: ALIAS_BOMB },
      status: 400,
      message: /too many YAML aliases/,
      issue: {
        documentIndex: 0,
        path: '',
        message: /^too many YAML aliases: at most 100/,
      },
    },
  ],
  [
    '101 documents',
    {
      body: {
        entityRef: ENTITY,
        openslo: Array.from({ length: 101 }, (_, i) => slo(`slo-${i}`)).join(
          '---\n',
        ),
      },
      status: 400,
      message: /too many YAML documents/,
      issue: { documentIndex: 100, path: '', message: /at most 100 per file/ },
    },
  ],
  [
    'nesting 40 levels deep',
    {
      body: {
        entityRef: ENTITY,
        openslo: `${slo('a')}  description: ${'['.repeat(40)}1${']'.repeat(
          40,
        )}\n`,
      },
      status: 400,
      message: /too deeply nested/,
      issue: { documentIndex: 0, path: '', message: /at most 32 levels/ },
    },
  ],
  [
    'a body of 1.5 MB',
    {
      body: {
        entityRef: ENTITY,
        openslo: `${slo('a')}# ${'x'.repeat(1_500_000)}\n`,
      },
      status: 413,
      message: /at most 1048576 bytes \(slo\.registration\.maxBodyBytes\)/,
    },
  ],
  [
    'a body of 2 MB',
    {
      body: {
        entityRef: ENTITY,
        openslo: `${slo('a')}# ${'x'.repeat(2_100_000)}\n`,
      },
      status: 413,
      message: /slo\.registration\.maxBodyBytes/,
    },
  ],
  // OpenSLO meaning.
  [
    'a time window of a billion days',
    {
      body: {
        entityRef: ENTITY,
        openslo: slo('a', { window: '{ duration: 1000000000d }' }),
      },
      status: 400,
      message: /spec\.timeWindow\.duration/,
      issue: {
        documentIndex: 0,
        path: 'spec.timeWindow.duration',
        message: /at most 400 days/,
      },
    },
  ],
  ...(['0', '1', '1.5', '-0.5', '"0.9"'] as const).map(
    (target): [string, Case] => [
      `a target of ${target}`,
      {
        body: {
          entityRef: ENTITY,
          openslo: slo('a', { objectives: `[{ target: ${target} }]` }),
        },
        status: 400,
        message: /spec\.objectives\[0\]\.target/,
        issue: {
          documentIndex: 0,
          path: 'spec.objectives[0].target',
          message: /must be a (fraction between 0 and 1|number)/,
        },
      },
    ],
  ),
  [
    'an unknown budgeting method',
    {
      body: { entityRef: ENTITY, openslo: slo('a', { method: 'Sometimes' }) },
      status: 400,
      message: /spec\.budgetingMethod/,
      issue: {
        documentIndex: 0,
        path: 'spec.budgetingMethod',
        message: /must be one of/,
      },
    },
  ],
  [
    'two SLOs with the same name',
    {
      body: { entityRef: ENTITY, openslo: `${slo('a')}---\n${slo('a')}` },
      status: 400,
      message: /metadata\.name/,
      issue: {
        documentIndex: 1,
        path: 'metadata.name',
        message: /also named "a"/,
      },
    },
  ],
  [
    'an SLO name of 300 characters',
    {
      body: { entityRef: ENTITY, openslo: slo('a'.repeat(300)) },
      status: 400,
      message: /metadata\.name/,
      issue: { documentIndex: 0, path: 'metadata.name', message: /at most 63/ },
    },
  ],
  [
    'an indicatorRef to no SLI',
    {
      body: {
        entityRef: ENTITY,
        openslo: slo('a', { indicator: '  indicatorRef: nowhere' }),
      },
      status: 400,
      message: /spec\.indicatorRef/,
      issue: {
        documentIndex: 0,
        path: 'spec.indicatorRef',
        message: /no kind: SLI document named "nowhere"/,
      },
    },
  ],
  [
    'a calendar window in a time zone that does not exist',
    {
      body: {
        entityRef: ENTITY,
        openslo: slo('a', {
          window:
            '{ duration: 1M, isRolling: false, calendar: { startTime: "2026-01-01 00:00:00", timeZone: Mars/Olympus } }',
        }),
      },
      status: 400,
      message: /spec\.timeWindow\.calendar\.timeZone/,
      issue: {
        documentIndex: 0,
        path: 'spec.timeWindow.calendar.timeZone',
        message: /not an IANA time zone/,
      },
    },
  ],
  [
    'no credentials',
    {
      body: { entityRef: ENTITY, openslo: slo('a') },
      status: 401,
      message: /./,
      auth: 'none',
    },
  ],
];

/** What the first issue of the response must look like, if any. */
function firstIssueMatcher(issue: ExpectedIssue | undefined) {
  if (!issue) {
    return undefined;
  }
  return expect.objectContaining({
    file: FILE,
    documentIndex: issue.documentIndex,
    path: issue.path,
    message: expect.stringMatching(issue.message),
  });
}

async function snapshot(knex: Knex) {
  return {
    definitions: await knex('slo_definitions').orderBy('slo_key').select(),
    syncErrors: await knex('slo_sync_errors').orderBy('error_id').select(),
  };
}

describe('POST /v1/slos with bad input', () => {
  let server: any;
  let knex: Knex;

  beforeAll(async () => {
    knex = await databases.init('SQLITE_3');
    ({ server } = await startTestBackend({
      features: [
        sloPlugin,
        mockServices.database.factory({ knex }),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        catalogServiceMock.factory({ entities: [] }),
      ],
    }));
    // Something registered before, so a refused request must also leave it alone.
    const ok = await request(server)
      .post('/api/slo/v1/slos')
      .set('Authorization', SERVICE)
      .send({ entityRef: ENTITY, openslo: openSloYaml(['availability']) });
    if (ok.status !== 200) {
      throw new Error(`setup registration failed: ${ok.text}`);
    }
    await knex('slo_sync_errors').insert({
      entity_ref: ENTITY,
      file: FILE,
      document_index: 0,
      document_name: 'availability',
      path: '',
      message: 'an earlier catalog sync error',
      occurred_at: 1,
    });
  });

  it.each(cases)('refuses %s, changing nothing', async (_label, c) => {
    const before = await snapshot(knex);
    const post = request(server).post('/api/slo/v1/slos');
    if (c.auth !== 'none') {
      post.set('Authorization', SERVICE);
    }
    const res = await post.send(c.body as object);
    expect(res.status).toBe(c.status);
    expect(res.body.error.message).toMatch(c.message);
    expect(res.body.issues?.[0]).toEqual(firstIssueMatcher(c.issue));
    expect(res.body.error.message).toContain(
      c.issue ? `${FILE}, document ${c.issue.documentIndex}` : '',
    );
    expect(await snapshot(knex)).toEqual(before);
  });

  it('lists the first 50 problems of a file with more and says how many there are', async () => {
    const before = await snapshot(knex);
    const openslo = Array.from({ length: 80 }, (_, i) =>
      slo(`slo-${i}`, { objectives: '[{ target: 2 }]' }),
    ).join('---\n');
    const res = await request(server)
      .post('/api/slo/v1/slos')
      .set('Authorization', SERVICE)
      .send({ entityRef: ENTITY, openslo });
    expect(res.status).toBe(400);
    expect(res.body.issues).toHaveLength(50);
    expect(res.body.issueCount).toBe(80);
    expect(res.body.error.message).toMatch(
      /^80 problems in slos\.yaml \(the first 50 are listed\); nothing was registered\. First: slos\.yaml, document 0 \(slo-0\), spec\.objectives\[0\]\.target: /,
    );
    expect(await snapshot(knex)).toEqual(before);
  });
});
