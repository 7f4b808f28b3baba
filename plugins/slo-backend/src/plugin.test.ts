import {
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  EntitySlosResponse,
  PortfolioResponse,
} from '@slo-kit/plugin-slo-common';
import { Knex } from 'knex';
import request from 'supertest';
import { openSloYaml } from '@slo-kit/plugin-slo-common/testUtils';
import { sloPlugin } from './plugin';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const MINUTE = 60_000;

/** An external access token (CI, SLI feeders): writes SLI data only. */
const SERVICE = mockCredentials.service.header();
/** Another Backstage plugin calling on its own behalf: may register SLOs. */
const PLUGIN = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('plugin:catalog'),
  targetPluginId: 'slo',
});
const USER = mockCredentials.user.header();

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments',
    namespace: 'default',
    annotations: {
      'slo-kit.dev/openslo-ref': './slos.yaml',
      'backstage.io/source-template': 'template:default/golden-path',
      'backstage.io/managed-by-location':
        'url:https://git.example.com/payments/catalog-info.yaml',
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-payments' },
};

const template: Entity = {
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: 'golden-path', namespace: 'default' },
  spec: { owner: 'group:default/platform', type: 'service' },
};

function minuteAgo(n: number): string {
  const now = Date.now();
  return new Date(now - (now % MINUTE) - n * MINUTE).toISOString();
}

async function startBackend(
  options: {
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    config?: object;
    catalog?: ReturnType<typeof catalogServiceMock.factory>;
  } = {},
) {
  const knex = await databases.init('SQLITE_3');
  const { server } = await startTestBackend({
    features: [
      sloPlugin,
      mockServices.database.factory({ knex }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.permissions.factory({
        result: options.permission ?? AuthorizeResult.DENY,
      }),
      mockServices.rootConfig.factory({ data: options.config ?? {} }),
      options.catalog ??
        catalogServiceMock.factory({ entities: [component, template] }),
    ],
  });
  return { server, knex };
}

async function register(server: any, entityRef: string, names: string[]) {
  return request(server)
    .post('/api/slo/v1/slos')
    .set('Authorization', PLUGIN)
    .send({ entityRef, openslo: openSloYaml(names) });
}

async function buckets(knex: Knex) {
  return knex('slo_minute_buckets')
    .orderBy(['slo_key', 'bucket_start'])
    .select('bucket_start', 'good', 'total');
}

describe('slo backend plugin', () => {
  it('answers /health without credentials', async () => {
    const { server } = await startBackend();
    const res = await request(server).get('/api/slo/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  describe('POST /v1/sli', () => {
    it('accepts service principals only: none 401, users 403', async () => {
      const { server, knex } = await startBackend();
      await register(server, 'component:default/payments', ['availability']);
      const body = {
        points: [
          {
            slo: 'component:default/payments#availability',
            timestamp: minuteAgo(1),
            good: 9,
            total: 10,
          },
        ],
      };
      expect(
        (await request(server).post('/api/slo/v1/sli').send(body)).status,
      ).toBe(401);
      expect(
        (
          await request(server)
            .post('/api/slo/v1/sli')
            .set('Authorization', USER)
            .send(body)
        ).status,
      ).toBe(403);
      expect(await buckets(knex)).toEqual([]);
      const ok = await request(server)
        .post('/api/slo/v1/sli')
        .set('Authorization', SERVICE)
        .send(body);
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual({ accepted: 1 });
      expect(await buckets(knex)).toEqual([
        {
          bucket_start: Date.parse(body.points[0].timestamp),
          good: 9,
          total: 10,
        },
      ]);
    });

    it('keeps a scoped access token to its entities, writing nothing otherwise', async () => {
      const { server, knex } = await startBackend({
        config: {
          slo: {
            ingestion: {
              writers: [
                {
                  subject: 'external:test-service',
                  entityRefs: ['Component:default/Payments'],
                },
              ],
            },
          },
        },
      });
      await register(server, 'component:default/payments', ['availability']);
      await register(server, 'component:default/checkout', ['availability']);
      const point = (slo: string) => ({
        slo,
        timestamp: minuteAgo(2),
        good: 9,
        total: 10,
      });

      const refused = await request(server)
        .post('/api/slo/v1/sli')
        .set('Authorization', SERVICE)
        .send({
          points: [
            point('component:default/payments#availability'),
            point('component:default/checkout#availability'),
          ],
        });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toContain(
        'external:test-service may not write SLI data for 1 SLO(s) of this batch',
      );
      expect(refused.body.error.message).toContain(
        'component:default/checkout#availability',
      );
      expect(await buckets(knex)).toEqual([]);

      const allowed = await request(server)
        .post('/api/slo/v1/sli')
        .set('Authorization', SERVICE)
        .send({ points: [point('component:default/payments#availability')] });
      expect(allowed.status).toBe(200);
      expect(await buckets(knex)).toHaveLength(1);
    });

    it('names the config key of a writer scope without entities', async () => {
      const { server } = await startBackend({
        config: {
          slo: { ingestion: { writers: [{ subject: 'external:x' }] } },
        },
      }).then(
        () => ({ server: undefined }),
        error => {
          expect(String(error)).toContain(
            'Invalid config slo.ingestion.writers[0]: list the entityRefs or namespaces external:x may write SLI data for',
          );
          return { server: 'refused' };
        },
      );
      expect(server).toBe('refused');
    });

    it('rejects the whole batch with every bad point listed, writing nothing', async () => {
      const { server, knex } = await startBackend();
      await register(server, 'component:default/payments', ['availability']);
      const slo = 'component:default/payments#availability';
      const future = new Date(Date.now() + 10 * MINUTE)
        .toISOString()
        .replace(/:\d\d\.\d+Z$/, ':00Z');
      const res = await request(server)
        .post('/api/slo/v1/sli')
        .set('Authorization', SERVICE)
        .send({
          points: [
            { slo, timestamp: minuteAgo(1), good: 1, total: 1 },
            { slo, timestamp: minuteAgo(2), good: -1, total: 1 },
            { slo, timestamp: minuteAgo(3), good: 1.5, total: 2 },
            { slo, timestamp: minuteAgo(4), good: '3', total: 4 },
            { slo, timestamp: minuteAgo(5), good: 5, total: 4 },
            {
              slo: 'component:default/payments#nope',
              timestamp: minuteAgo(6),
              good: 1,
              total: 1,
            },
            { slo, timestamp: future, good: 1, total: 1 },
            { slo, timestamp: minuteAgo(60 * 24 * 5), good: 1, total: 1 },
            { slo, timestamp: '2026-01-10T12:00:30Z', good: 1, total: 1 },
            { slo, timestamp: 'yesterday', good: 1, total: 1 },
          ],
        });
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      const issues = res.body.issues as Array<{
        index: number;
        field: string;
        reason: string;
      }>;
      expect(issues.map(i => [i.index, i.field])).toEqual([
        [1, 'good'],
        [2, 'good'],
        [3, 'good'],
        [4, 'good'],
        [6, 'timestamp'],
        [7, 'timestamp'],
        [8, 'timestamp'],
        [9, 'timestamp'],
      ]);
      expect(issues[0].reason).toMatch(/negative/);
      expect(issues[3].reason).toMatch(/exceed/);
      expect(issues[4].reason).toMatch(/future/);
      expect(issues[5].reason).toMatch(/retention/);
      expect(issues[6].reason).toMatch(/minute boundary/);
      expect(await buckets(knex)).toEqual([]);

      const unknown = await request(server)
        .post('/api/slo/v1/sli')
        .set('Authorization', SERVICE)
        .send({
          points: [
            { slo, timestamp: minuteAgo(1), good: 1, total: 1 },
            {
              slo: 'component:default/payments#nope',
              timestamp: minuteAgo(1),
              good: 1,
              total: 1,
            },
          ],
        });
      expect(unknown.status).toBe(400);
      expect(unknown.body.issues).toEqual([
        {
          index: 1,
          field: 'slo',
          reason: expect.stringMatching(/unknown SLO/),
        },
      ]);
      expect(await buckets(knex)).toEqual([]);
    });

    it('rejects a malformed body with 400', async () => {
      const { server } = await startBackend();
      const res = await request(server)
        .post('/api/slo/v1/sli')
        .set('Authorization', SERVICE)
        .send({ points: 'all of them' });
      expect(res.status).toBe(400);
      expect(res.body.issues[0]).toMatchObject({ field: 'points' });
    });

    it('sets buckets on replay instead of adding to them', async () => {
      const { server, knex } = await startBackend();
      await register(server, 'component:default/payments', ['availability']);
      const slo = 'component:default/payments#availability';
      const batch = {
        points: [
          { slo, timestamp: minuteAgo(2), good: 90, total: 100 },
          { slo, timestamp: minuteAgo(1), good: 95, total: 100 },
        ],
      };
      for (let i = 0; i < 3; i++) {
        const res = await request(server)
          .post('/api/slo/v1/sli')
          .set('Authorization', SERVICE)
          .send(batch);
        expect(res.status).toBe(200);
      }
      expect((await buckets(knex)).map(b => [b.good, b.total])).toEqual([
        [90, 100],
        [95, 100],
      ]);
      await request(server)
        .post('/api/slo/v1/sli')
        .set('Authorization', SERVICE)
        .send({
          points: [{ slo, timestamp: minuteAgo(2), good: 99, total: 100 }],
        });
      expect((await buckets(knex)).map(b => [b.good, b.total])).toEqual([
        [99, 100],
        [95, 100],
      ]);
    });

    it('answers 413 beyond the point and byte limits', async () => {
      const { server, knex } = await startBackend({
        config: { slo: { ingestion: { maxPoints: 3, maxBodyBytes: 2048 } } },
      });
      await register(server, 'component:default/payments', ['availability']);
      const slo = 'component:default/payments#availability';
      const points = [1, 2, 3, 4].map(n => ({
        slo,
        timestamp: minuteAgo(n),
        good: 1,
        total: 1,
      }));
      const tooMany = await request(server)
        .post('/api/slo/v1/sli')
        .set('Authorization', SERVICE)
        .send({ points });
      expect(tooMany.status).toBe(413);
      expect(tooMany.body.error.message).toMatch(/at most 3 points/);

      const tooBig = await request(server)
        .post('/api/slo/v1/sli')
        .set('Authorization', SERVICE)
        .send({
          points: [
            {
              slo: 'x'.repeat(3000),
              timestamp: minuteAgo(1),
              good: 1,
              total: 1,
            },
          ],
        });
      expect(tooBig.status).toBe(413);
      expect(await buckets(knex)).toEqual([]);
    });

    it('has a default limit of 10,000 points', async () => {
      const { server } = await startBackend();
      const points = Array.from({ length: 10_001 }, () => ({
        slo: 'a#b',
        timestamp: minuteAgo(1),
        good: 1,
        total: 1,
      }));
      const res = await request(server)
        .post('/api/slo/v1/sli')
        .set('Authorization', SERVICE)
        .send({ points });
      expect(res.status).toBe(413);
    });
  });

  describe('POST /v1/slos', () => {
    it('registers idempotently for services and answers with ids and the ingestion endpoint', async () => {
      const { server, knex } = await startBackend();
      const first = await register(server, 'Component:default/Checkout', [
        'availability',
        'latency',
      ]);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({
        entityRef: 'component:default/checkout',
        slos: [
          {
            id: 'component:default/checkout#availability',
            name: 'availability',
          },
          { id: 'component:default/checkout#latency', name: 'latency' },
        ],
        ingestionEndpoint: expect.stringMatching(/\/api\/slo\/v1\/sli$/),
      });
      const before = await knex('slo_definitions').orderBy('id').select();
      const again = await register(server, 'component:default/checkout', [
        'availability',
        'latency',
      ]);
      expect(again.body).toEqual(first.body);
      expect(await knex('slo_definitions').orderBy('id').select()).toEqual(
        before,
      );
    });

    it('lets users register only with the register permission', async () => {
      const denied = await startBackend({ permission: AuthorizeResult.DENY });
      const body = {
        entityRef: 'component:default/checkout',
        openslo: openSloYaml(['availability']),
      };
      expect(
        (
          await request(denied.server)
            .post('/api/slo/v1/slos')
            .set('Authorization', USER)
            .send(body)
        ).status,
      ).toBe(403);
      expect(
        (await request(denied.server).post('/api/slo/v1/slos').send(body))
          .status,
      ).toBe(401);
      const allowed = await startBackend({ permission: AuthorizeResult.ALLOW });
      expect(
        (
          await request(allowed.server)
            .post('/api/slo/v1/slos')
            .set('Authorization', USER)
            .send(body)
        ).status,
      ).toBe(200);
    });

    it('never lets an external access token register, and changes nothing', async () => {
      const { server, knex } = await startBackend({
        permission: AuthorizeResult.ALLOW,
      });
      const res = await request(server)
        .post('/api/slo/v1/slos')
        .set('Authorization', SERVICE)
        .send({
          entityRef: 'component:default/payments',
          openslo: openSloYaml(['availability']),
        });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('write SLI data only');
      expect(await knex('slo_definitions').select()).toEqual([]);
    });

    it('asks the policy about the catalog entity when a user registers for one', async () => {
      const body = {
        entityRef: 'component:default/payments',
        openslo: openSloYaml(['availability']),
      };
      const denied = await startBackend({ permission: AuthorizeResult.DENY });
      const refused = await request(denied.server)
        .post('/api/slo/v1/slos')
        .set('Authorization', USER)
        .send(body);
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toContain(
        'does not grant slo.definitions.register',
      );
      expect(await denied.knex('slo_definitions').select()).toEqual([]);

      const allowed = await startBackend({ permission: AuthorizeResult.ALLOW });
      expect(
        (
          await request(allowed.server)
            .post('/api/slo/v1/slos')
            .set('Authorization', USER)
            .send(body)
        ).status,
      ).toBe(200);
    });

    it('refuses a user replacing the SLOs of an entity not in the catalog yet', async () => {
      const { server, knex } = await startBackend({
        permission: AuthorizeResult.ALLOW,
      });
      const first = await request(server)
        .post('/api/slo/v1/slos')
        .set('Authorization', USER)
        .send({
          entityRef: 'component:default/new-service',
          openslo: openSloYaml(['availability']),
        });
      expect(first.status).toBe(200);
      const before = await knex('slo_definitions').select();

      const second = await request(server)
        .post('/api/slo/v1/slos')
        .set('Authorization', USER)
        .send({
          entityRef: 'component:default/new-service',
          openslo: openSloYaml(['latency']),
        });
      expect(second.status).toBe(409);
      expect(second.body.error.message).toContain(
        'is not in the catalog yet and has SLOs registered already (availability)',
      );
      expect(await knex('slo_definitions').select()).toEqual(before);
    });

    it('rejects invalid OpenSLO with file, document, field and reason', async () => {
      const { server, knex } = await startBackend();
      const res = await request(server)
        .post('/api/slo/v1/slos')
        .set('Authorization', PLUGIN)
        .send({
          entityRef: 'component:default/checkout',
          file: 'checkout-slos.yaml',
          openslo: openSloYaml(['availability'], 1.5),
        });
      expect(res.status).toBe(400);
      expect(res.body.issues[0]).toMatchObject({
        file: 'checkout-slos.yaml',
        documentIndex: 0,
        path: expect.stringContaining('target'),
      });
      expect(await knex('slo_definitions').select()).toEqual([]);
    });

    it('validates the body against the OpenAPI spec', async () => {
      const { server } = await startBackend();
      const res = await request(server)
        .post('/api/slo/v1/slos')
        .set('Authorization', PLUGIN)
        .send({ entityRef: 'component:default/checkout' });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/openslo/);
    });
  });

  describe('read API', () => {
    it('serves an entity page: ownership, SLOs with status and findings', async () => {
      const { server } = await startBackend();
      await register(server, 'component:default/payments', ['availability']);
      const res = await request(server)
        .get('/api/slo/v1/entities/component/default/payments')
        .set('Authorization', USER);
      expect(res.status).toBe(200);
      const body = res.body as EntitySlosResponse;
      expect(body.ownership).toEqual({
        serviceOwner: 'group:default/team-payments',
        sreOwner: null,
        platformOwner: 'group:default/platform',
        platformOwnerSource: 'source-template',
        findings: [expect.objectContaining({ code: 'sre-owner-missing' })],
      });
      expect(body.slos.map(s => [s.id, s.origin, s.status])).toEqual([
        ['component:default/payments#availability', 'registration', null],
      ]);
      expect(body.syncErrors).toEqual([]);
    });

    it('returns registered SLOs of entities not yet in the catalog, and 404 for unknown ones', async () => {
      const { server } = await startBackend();
      await register(server, 'component:default/brand-new', ['availability']);
      const res = await request(server)
        .get('/api/slo/v1/entities/component/default/brand-new')
        .set('Authorization', USER);
      expect(res.status).toBe(200);
      expect(res.body.ownership).toMatchObject({
        serviceOwner: null,
        platformOwner: null,
      });
      expect(res.body.slos).toHaveLength(1);
      const missing = await request(server)
        .get('/api/slo/v1/entities/component/default/nothing')
        .set('Authorization', USER);
      expect(missing.status).toBe(404);
      expect(
        (
          await request(server).get(
            '/api/slo/v1/entities/component/default/brand-new',
          )
        ).status,
      ).toBe(401);
    });

    it('hides entities the caller may not read in the catalog', async () => {
      const catalog = catalogServiceMock.mock({
        getEntityByRef: async (_ref: any, { credentials }: any) =>
          credentials.principal.type === 'user' ? undefined : component,
        getEntitiesByRefs: async (req: any, { credentials }: any) => ({
          items: req.entityRefs.map(() =>
            credentials.principal.type === 'user' ? undefined : component,
          ),
        }),
      });
      const { server } = await startBackend({
        catalog: catalog.factory as any,
      });
      await register(server, 'component:default/payments', ['availability']);
      expect(
        (
          await request(server)
            .get('/api/slo/v1/entities/component/default/payments')
            .set('Authorization', USER)
        ).status,
      ).toBe(404);
      const portfolio = await request(server)
        .get('/api/slo/v1/slos')
        .set('Authorization', USER);
      expect(portfolio.body.items).toEqual([]);
      const history = await request(server)
        .get(
          `/api/slo/v1/slos/${encodeURIComponent(
            'component:default/payments#availability',
          )}/history`,
        )
        .set('Authorization', USER);
      expect(history.status).toBe(404);
    });

    it('counts and pages only the SLOs the caller may see', async () => {
      // payments is in the catalog but hidden from users; brand-new is not in
      // the catalog yet, so its SLOs are visible to everyone.
      const known = (ref: string) =>
        ref === 'component:default/payments' ? component : undefined;
      const catalog = catalogServiceMock.mock({
        getEntityByRef: async (ref: any, { credentials }: any) =>
          credentials.principal.type === 'user' ? undefined : known(ref),
        getEntitiesByRefs: async (req: any, { credentials }: any) => ({
          items: req.entityRefs.map((ref: string) =>
            credentials.principal.type === 'user' ? undefined : known(ref),
          ),
        }),
      });
      const { server } = await startBackend({
        catalog: catalog.factory as any,
      });
      await register(server, 'component:default/payments', ['one', 'two']);
      await register(server, 'component:default/brand-new', ['three']);

      const page = await request(server)
        .get('/api/slo/v1/slos?limit=1')
        .set('Authorization', USER);
      expect(page.body.totalCount).toBe(1);
      expect(page.body.items.map((i: any) => i.id)).toEqual([
        'component:default/brand-new#three',
      ]);
      expect(page.body.nextCursor).toBeDefined();
      const next = await request(server)
        .get(`/api/slo/v1/slos?limit=1&cursor=${page.body.nextCursor}`)
        .set('Authorization', USER);
      expect(next.body).toEqual({ items: [], totalCount: 1 });

      const asService = await request(server)
        .get('/api/slo/v1/slos')
        .set('Authorization', SERVICE);
      expect(asService.body.totalCount).toBe(3);
    });

    it('pages through the portfolio with owner and status filters', async () => {
      const { server } = await startBackend();
      await register(server, 'component:default/a', ['one', 'two']);
      await register(server, 'component:default/b', ['three']);
      const page1 = await request(server)
        .get('/api/slo/v1/slos?limit=2')
        .set('Authorization', USER);
      expect(page1.status).toBe(200);
      const body1 = page1.body as PortfolioResponse;
      expect(body1.totalCount).toBe(3);
      expect(body1.items.map(i => i.id)).toEqual([
        'component:default/a#one',
        'component:default/a#two',
      ]);
      expect(body1.items[0]).toMatchObject({
        status: 'no-data',
        target: 0.999,
        timeWindow: '28d',
        timeWindowKind: 'rolling',
        sli: null,
        firingAlerts: [],
      });
      const page2 = await request(server)
        .get(`/api/slo/v1/slos?limit=2&cursor=${body1.nextCursor}`)
        .set('Authorization', USER);
      expect(page2.body.items.map((i: any) => i.id)).toEqual([
        'component:default/b#three',
      ]);
      expect(page2.body.nextCursor).toBeUndefined();
      const none = await request(server)
        .get('/api/slo/v1/slos?owner=group:default/nobody&status=healthy')
        .set('Authorization', USER);
      expect(none.body).toEqual({ items: [], totalCount: 0 });
      const bad = await request(server)
        .get('/api/slo/v1/slos?limit=0')
        .set('Authorization', USER);
      expect(bad.status).toBe(400);

      // Sorted listings page by offset and keep the order across pages.
      const sorted1 = await request(server)
        .get('/api/slo/v1/slos?limit=2&sort=service&order=desc')
        .set('Authorization', USER);
      expect(sorted1.status).toBe(200);
      expect(sorted1.body.items.map((i: any) => i.id)).toEqual([
        'component:default/b#three',
        'component:default/a#one',
      ]);
      const sorted2 = await request(server)
        .get(
          `/api/slo/v1/slos?limit=2&sort=service&order=desc&cursor=${sorted1.body.nextCursor}`,
        )
        .set('Authorization', USER);
      expect(sorted2.body.items.map((i: any) => i.id)).toEqual([
        'component:default/a#two',
      ]);
      const badSort = await request(server)
        .get('/api/slo/v1/slos?sort=colour')
        .set('Authorization', USER);
      expect(badSort.status).toBe(400);
      const badCursor = await request(server)
        .get('/api/slo/v1/slos?cursor=bm90LWEtY3Vyc29y')
        .set('Authorization', USER);
      expect(badCursor.status).toBe(400);
      expect(badCursor.body.error.message).toMatch(/cursor/);
    });

    it('computes a down-sampled history with the engine', async () => {
      const { server } = await startBackend();
      await register(server, 'component:default/payments', ['availability']);
      const slo = 'component:default/payments#availability';
      const points = Array.from({ length: 120 }, (_, i) => ({
        slo,
        timestamp: minuteAgo(120 - i),
        good: i < 60 ? 100 : 90,
        total: 100,
      }));
      await request(server)
        .post('/api/slo/v1/sli')
        .set('Authorization', SERVICE)
        .send({ points });
      const to = Date.now() - (Date.now() % MINUTE);
      const res = await request(server)
        .get(`/api/slo/v1/slos/${encodeURIComponent(slo)}/history`)
        .query({
          from: new Date(to - 120 * MINUTE).toISOString(),
          to: new Date(to).toISOString(),
          points: 3,
        })
        .set('Authorization', USER);
      expect(res.status).toBe(200);
      expect(res.body.points).toHaveLength(3);
      const [start, middle, end] = res.body.points;
      expect(start.sli).toBeNull();
      expect(middle.sli).toBeCloseTo(1, 10);
      expect(end.sli).toBeCloseTo(0.95, 10);
      expect(end.burnRate).toBeCloseTo(0.1 / 0.001, 6);
      const tooMany = await request(server)
        .get(`/api/slo/v1/slos/${encodeURIComponent(slo)}/history?points=1001`)
        .set('Authorization', USER);
      expect(tooMany.status).toBe(400);
    });
  });
});
