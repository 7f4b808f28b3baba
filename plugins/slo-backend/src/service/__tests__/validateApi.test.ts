import {
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ValidateSlosResponse } from '@slo-kit/plugin-slo-common';
import { openSloYaml } from '@slo-kit/plugin-slo-common/testUtils';
import { Knex } from 'knex';
import request from 'supertest';
import { sloPlugin } from '../../plugin';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/** An external access token (CI). */
const EXTERNAL = mockCredentials.service.header();
const USER = mockCredentials.user.header();

/** Lines of one document written by `openSloYaml`, with the `---` after it. */
const DOCUMENT_LINES = 29;
/** The line of `target:` in each document written by `openSloYaml`. */
const TARGET_LINE = 28;

describe('POST /v1/validate', () => {
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
        catalogServiceMock.factory({ entities: [] }),
      ],
    }));
  });

  /** Every table the plugin writes, row counts only. */
  async function rowCounts() {
    const tables = [
      'slo_definitions',
      'slo_sync_errors',
      'slo_gate_evaluations',
      'slo_events',
    ];
    return Object.fromEntries(
      await Promise.all(
        tables.map(async table => [
          table,
          Number((await knex(table).count({ n: '*' }))[0].n),
        ]),
      ),
    );
  }

  function validate(body: object, authorization: string | null = EXTERNAL) {
    const post = request(server).post('/api/slo/v1/validate');
    if (authorization) {
      post.set('Authorization', authorization);
    }
    return post.send(body);
  }

  it('answers valid with the names of the SLOs of a valid file, storing nothing', async () => {
    const before = await rowCounts();
    const res = await validate({
      yaml: openSloYaml(['availability', 'latency']),
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual<ValidateSlosResponse>({
      valid: true,
      issues: [],
      issueCount: 0,
      slos: [
        { name: 'availability', displayName: 'availability SLO' },
        { name: 'latency', displayName: 'latency SLO' },
      ],
    });
    expect(await rowCounts()).toEqual(before);
  });

  it('answers every problem located by document, field, line and column', async () => {
    const before = await rowCounts();
    const res = await validate({
      yaml: openSloYaml(['availability', 'latency'], 1.5),
      fileName: 'services/checkout/slos.yaml',
    });
    expect(res.status).toBe(200);
    const message =
      'must be a fraction between 0 and 1, exclusive (e.g. 0.999), got 1.5 (did you mean targetPercent: 1.5?)';
    expect(res.body).toEqual<ValidateSlosResponse>({
      valid: false,
      issues: [
        {
          file: 'services/checkout/slos.yaml',
          documentIndex: 0,
          documentName: 'availability',
          path: 'spec.objectives[0].target',
          message,
          line: TARGET_LINE,
          column: 7,
        },
        {
          file: 'services/checkout/slos.yaml',
          documentIndex: 1,
          documentName: 'latency',
          path: 'spec.objectives[0].target',
          message,
          line: DOCUMENT_LINES + TARGET_LINE,
          column: 7,
        },
      ],
      issueCount: 2,
      slos: [],
    });
    expect(await rowCounts()).toEqual(before);
  });

  it('locates invalid YAML at its line, naming slos.yaml by default', async () => {
    const yaml = openSloYaml(['availability']).replace(
      '  budgetingMethod',
      ' budgetingMethod',
    );
    const res = await validate({ yaml }, USER);
    expect(res.status).toBe(200);
    expect(res.body.valid).toBe(false);
    expect(res.body.issues[0]).toMatchObject({
      file: 'slos.yaml',
      documentIndex: 0,
      path: '',
      line: 8,
      message: expect.stringMatching(/^invalid YAML \(line 8, column \d+\)/),
    });
  });

  it('reports a file without SLOs as a problem, not a bad request', async () => {
    const res = await validate({ yaml: '' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      valid: false,
      issueCount: 1,
      issues: [{ message: expect.stringMatching(/no kind: SLO document/) }],
    });
  });

  it('refuses a body over slo.registration.maxBodyBytes with 413, naming the limit', async () => {
    const res = await validate({
      yaml: `${openSloYaml(['availability'])}# ${'x'.repeat(1_500_000)}\n`,
    });
    expect(res.status).toBe(413);
    expect(res.body.error.message).toBe(
      'Request bodies may be at most 1048576 bytes (slo.registration.maxBodyBytes); split the OpenSLO file',
    );
  });

  it.each([
    ['without yaml', { fileName: 'slos.yaml' }, /yaml/],
    ['with yaml that is not text', { yaml: { kind: 'SLO' } }, /yaml/],
    ['with an empty file name', { yaml: 'a: 1', fileName: '' }, /fileName/],
    [
      'with an unknown field',
      { yaml: 'a: 1', entityRef: 'x' },
      /entityRef|additional/,
    ],
  ])(
    'refuses a body %s with 400 naming the field',
    async (_label, body, field) => {
      const res = await validate(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(field);
    },
  );

  it('answers 401 without credentials', async () => {
    const res = await validate({ yaml: openSloYaml(['availability']) }, null);
    expect(res.status).toBe(401);
  });
});
