import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  floorToHour,
  floorToMinute,
} from '@slo-kit/plugin-slo-common';
import { Knex } from 'knex';
import request from 'supertest';
import { createStoreTestDatabases } from '../../__testUtils__/databases';
import { openSloYaml } from '@slo-kit/plugin-slo-common/testUtils';
import { sloPlugin } from '../../plugin';

/*
 * Careless and hostile input to POST /v1/sli. Every rejected request answers
 * with its status code and a located message, and changes nothing in the
 * store.
 */

jest.setTimeout(120_000);

const databases = createStoreTestDatabases();
const SERVICE = mockCredentials.service.header();
/** Another Backstage plugin on its own behalf: may register the test SLO (access tokens may not). */
const PLUGIN = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('plugin:catalog'),
  targetPluginId: 'slo',
});
const USER = mockCredentials.user.header();
const ENTITY = 'component:default/payments';
const SLO = `${ENTITY}#availability`;
const MAX_POINTS = 5;
const MAX_BODY_BYTES = 2048;

const NOW = Date.now();
const at = (ms: number) => new Date(ms).toISOString();
/** A recent minute, inside every bound. */
const RECENT = at(floorToMinute(NOW) - 2 * MINUTE_MS);

type Point = Record<string, unknown>;
const point = (fields: Point = {}): Point => ({
  slo: SLO,
  timestamp: RECENT,
  good: 9,
  total: 10,
  ...fields,
});
const without = (field: string): Point => {
  const { [field]: _dropped, ...rest } = point();
  return rest;
};
const batch = (...points: unknown[]) => ({ points });

/** Expected issue: point index (-1: the body), field and a part of the reason. */
type Issue = [number, string, string];

const rejected400: Array<[string, unknown, Issue[]]> = [
  // types
  [
    'a count sent as a string',
    batch(point({ good: '9' })),
    [[0, 'good', 'good must be a number, got the string "9"']],
  ],
  [
    'a total sent as a string',
    batch(point({ total: '10' })),
    [[0, 'total', 'total must be a number, got the string "10"']],
  ],
  [
    'a fractional count',
    batch(point({ good: 1.5 })),
    [[0, 'good', 'good must be a whole number of events, got 1.5']],
  ],
  [
    'a negative count',
    batch(point({ total: -1 })),
    [[0, 'total', 'total must not be negative, got -1']],
  ],
  [
    'good above total',
    batch(point({ good: 11, total: 10 })),
    [[0, 'good', 'good (11) must not exceed total (10)']],
  ],
  [
    'a boolean count',
    batch(point({ good: true })),
    [[0, 'good', 'good must be a number, got boolean']],
  ],
  [
    'a null total',
    batch(point({ total: null })),
    [[0, 'total', 'total must be a number, got null']],
  ],
  [
    'a missing count',
    batch(without('good')),
    [[0, 'good', 'good must be a number, got nothing']],
  ],
  ['a missing SLO id', batch(without('slo')), [[0, 'slo', 'Required']]],
  [
    'a missing timestamp',
    batch(without('timestamp')),
    [[0, 'timestamp', 'Required']],
  ],
  [
    'a misspelt extra field on a point',
    batch(point({ goood: 9 })),
    [[0, 'goood', 'is not a field of a point']],
  ],
  [
    'an extra field on the body',
    { ...batch(point()), token: 'x' },
    [[-1, 'token', 'is not a field of the body']],
  ],
  // bounds
  [
    'a total of 1e308',
    batch(point({ good: 0, total: 1e308 })),
    [[0, 'total', 'must be at most 8589934592 (2^33) events per minute']],
  ],
  [
    'counts just above 2^33',
    batch(point({ good: 2 ** 33 + 1, total: 2 ** 33 + 1 })),
    [
      [0, 'good', 'good must be at most 8589934592'],
      [0, 'total', 'total must be at most 8589934592'],
    ],
  ],
  [
    'a timestamp a day in the future',
    batch(point({ timestamp: at(floorToMinute(NOW) + DAY_MS) })),
    [[0, 'timestamp', 'must not be more than 5 minutes in the future']],
  ],
  [
    'a timestamp older than minute retention',
    batch(point({ timestamp: at(floorToMinute(NOW) - 5 * DAY_MS) })),
    [[0, 'timestamp', 'is older than minute retention keeps whole hours']],
  ],
  [
    'a timestamp in the hour retention cuts',
    batch(point({ timestamp: at(floorToHour(NOW - 4 * DAY_MS)) })),
    [[0, 'timestamp', 'is older than minute retention keeps whole hours']],
  ],
  [
    'a timestamp with seconds',
    batch(point({ timestamp: RECENT.replace(':00.000Z', ':30Z') })),
    [[0, 'timestamp', 'must be on a minute boundary']],
  ],
  [
    'a timestamp with milliseconds',
    batch(point({ timestamp: RECENT.replace(':00.000Z', ':00.250Z') })),
    [[0, 'timestamp', 'must be on a minute boundary']],
  ],
  // dates
  [
    'April 31',
    batch(point({ timestamp: '2026-04-31T10:00Z' })),
    [
      [
        0,
        'timestamp',
        'names a date-time that does not exist (2026-04-31T10:00)',
      ],
    ],
  ],
  [
    'February 29 of a common year',
    batch(point({ timestamp: '2026-02-29T10:00:00Z' })),
    [[0, 'timestamp', 'names a date-time that does not exist']],
  ],
  [
    'hour 24',
    batch(point({ timestamp: `${RECENT.slice(0, 10)}T24:00:00Z` })),
    [[0, 'timestamp', 'names a date-time that does not exist']],
  ],
  [
    'a timestamp without a zone',
    batch(point({ timestamp: RECENT.replace('.000Z', '') })),
    [[0, 'timestamp', 'must be an ISO 8601 date-time with a zone']],
  ],
  [
    'an offset of 25 hours',
    batch(point({ timestamp: RECENT.replace('.000Z', '+25:00') })),
    [[0, 'timestamp', 'must be an ISO 8601 date-time with a zone']],
  ],
  [
    'a date in words',
    batch(point({ timestamp: 'yesterday' })),
    [[0, 'timestamp', 'must be an ISO 8601 date-time with a zone']],
  ],
  [
    'epoch milliseconds instead of a string',
    batch(point({ timestamp: floorToMinute(NOW) })),
    [[0, 'timestamp', 'Expected string, received number']],
  ],
  // nesting
  [
    'points as an object',
    { points: { 0: point() } },
    [[-1, 'points', 'Expected array, received object']],
  ],
  ['no points at all', {}, [[-1, 'points', 'Required']]],
  [
    'a body that is an array',
    [point()],
    [[-1, '(body)', 'Expected object, received array']],
  ],
  [
    'a point that is an array',
    batch([SLO, RECENT, 9, 10]),
    [[0, '(point)', 'Expected object, received array']],
  ],
  [
    'a count that is an object',
    batch(point({ good: { value: 9 } })),
    [[0, 'good', 'good must be a number, got object']],
  ],
  // unknown SLOs, and one bad point spoiling a batch
  [
    'an unknown SLO id',
    batch(point({ slo: `${ENTITY}#nope` })),
    [[0, 'slo', `unknown SLO "${ENTITY}#nope"`]],
  ],
  [
    'an SLO id that is not an id',
    batch(point({ slo: "'; drop table slo_minute_buckets; --" })),
    [[0, 'slo', 'unknown SLO']],
  ],
  [
    'one bad point among good ones',
    batch(point(), point({ good: -3 }), point({ timestamp: RECENT })),
    [[1, 'good', 'good must not be negative, got -3']],
  ],
];

const rejected413: Array<[string, unknown, string]> = [
  [
    'more points than slo.ingestion.maxPoints',
    batch(...Array.from({ length: MAX_POINTS + 1 }, () => point())),
    `at most ${MAX_POINTS} points, got ${MAX_POINTS + 1}`,
  ],
  [
    'a body larger than slo.ingestion.maxBodyBytes',
    { points: [point({ slo: SLO.padEnd(MAX_BODY_BYTES + 100, ' ') })] },
    `at most ${MAX_BODY_BYTES} bytes (slo.ingestion.maxBodyBytes)`,
  ],
];

/** Every table the ingestion path could touch, in a fixed order. */
async function snapshot(knex: Knex) {
  const tables = [
    ['slo_minute_buckets', ['slo_key', 'bucket_start']],
    ['slo_dirty_hours', ['slo_key', 'hour_start']],
    ['slo_hour_rollups', ['slo_key', 'hour_start']],
    ['slo_day_rollups', ['slo_key', 'day_start']],
    ['slo_status', ['slo_key']],
    ['slo_definitions', ['slo_key']],
  ] as const;
  const result: Record<string, unknown[]> = {};
  for (const [table, order] of tables) {
    result[table] = await knex(table)
      .orderBy([...order])
      .select();
  }
  return result;
}

describe.each(databases.eachSupportedId())(
  'POST /v1/sli with bad input on %s',
  databaseId => {
    let server: any;
    let knex: Knex;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      const backend = await startTestBackend({
        features: [
          sloPlugin,
          mockServices.database.factory({ knex }),
          mockServices.httpAuth.factory({
            defaultCredentials: mockCredentials.none(),
          }),
          mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
          mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
          mockServices.rootConfig.factory({
            data: {
              slo: {
                ingestion: {
                  maxPoints: MAX_POINTS,
                  maxBodyBytes: MAX_BODY_BYTES,
                },
              },
            },
          }),
          catalogServiceMock.factory({ entities: [] }),
        ],
      });
      server = backend.server;
      const registered = await request(server)
        .post('/api/slo/v1/slos')
        .set('Authorization', PLUGIN)
        .send({ entityRef: ENTITY, openslo: openSloYaml(['availability']) });
      if (registered.status !== 200) {
        throw new Error(
          `Registering the test SLO answered ${registered.status}`,
        );
      }
      // Some data already there, which no rejected request may change.
      const seeded = await send(
        batch(point({ timestamp: at(floorToMinute(NOW) - HOUR_MS) })),
      );
      if (seeded.status !== 200) {
        throw new Error(`Seeding a point answered ${seeded.status}`);
      }
    });

    function send(body: unknown, authorization: string | null = SERVICE) {
      const req = request(server).post('/api/slo/v1/sli');
      if (authorization) req.set('Authorization', authorization);
      return req.send(body as object);
    }

    it.each(rejected400)(
      'rejects %s with 400 naming point, field and reason',
      async (_name, body, expected) => {
        const before = await snapshot(knex);
        const res = await send(body);
        expect(res.status).toBe(400);
        expect(res.body.error.name).toBe('InputError');
        expect(res.body.issues).toEqual(
          expected.map(([index, field, reason]) => ({
            index,
            field,
            reason: expect.stringContaining(reason),
          })),
        );
        const [index, field] = expected[0];
        expect(res.body.error.message).toContain(
          index >= 0 ? `points[${index}].${field}: ` : `${field}: `,
        );
        expect(await snapshot(knex)).toEqual(before);
      },
    );

    it.each(rejected413)(
      'rejects %s with 413',
      async (_name, body, message) => {
        const before = await snapshot(knex);
        const res = await send(body);
        expect(res.status).toBe(413);
        expect(res.body.error).toEqual({
          name: 'PayloadTooLargeError',
          message: expect.stringContaining(message),
        });
        expect(await snapshot(knex)).toEqual(before);
      },
    );

    it('rejects malformed JSON with 400', async () => {
      const before = await snapshot(knex);
      const res = await request(server)
        .post('/api/slo/v1/sli')
        .set('Authorization', SERVICE)
        .set('Content-Type', 'application/json')
        .send('{"points": [');
      expect(res.status).toBe(400);
      expect(res.body.error.message).toEqual(expect.any(String));
      expect(await snapshot(knex)).toEqual(before);
    });

    it.each([
      ['no credentials', null, 401],
      ['a user', USER, 403],
    ])(
      'rejects a valid batch from %s',
      async (_name, authorization, status) => {
        const before = await snapshot(knex);
        const res = await send(batch(point()), authorization);
        expect(res.status).toBe(status);
        expect(await snapshot(knex)).toEqual(before);
      },
    );

    it('stores the last of repeated points for one minute (documented)', async () => {
      const minute = floorToMinute(NOW) - 3 * MINUTE_MS;
      const res = await send(
        batch(
          point({ timestamp: at(minute), good: 1, total: 10 }),
          point({ timestamp: at(minute), good: 7, total: 10 }),
        ),
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ accepted: 2 });
      const stored = await knex('slo_minute_buckets')
        .where({ bucket_start: minute })
        .select('good', 'total');
      expect(stored).toEqual([{ good: 7, total: 10 }]);
    });

    it('reads a timestamp with an offset as the instant it names', async () => {
      const minute = floorToMinute(NOW) - 4 * MINUTE_MS;
      const inBerlinSummer = new Date(minute + 2 * HOUR_MS)
        .toISOString()
        .replace('.000Z', '+02:00');
      const res = await send(batch(point({ timestamp: inBerlinSummer })));
      expect(res.status).toBe(200);
      const stored = await knex('slo_minute_buckets')
        .where({ bucket_start: minute })
        .select('good', 'total');
      expect(stored).toEqual([{ good: 9, total: 10 }]);
    });
  },
);
