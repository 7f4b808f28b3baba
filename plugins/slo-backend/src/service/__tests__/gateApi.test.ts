import {
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  GateDecision,
  GateEvaluation,
  SloEvaluation,
} from '@slo-kit/plugin-slo-common';
import { openSloYaml } from '@slo-kit/plugin-slo-common/testUtils';
import request from 'supertest';
import { createSloStores } from '../../database/SloStores';
import { sloPlugin } from '../../plugin';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/** An external access token (CI). */
const EXTERNAL = mockCredentials.service.header();
/** Another Backstage plugin calling on its own behalf. */
const PLUGIN = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('plugin:catalog'),
  targetPluginId: 'slo',
});
const USER = mockCredentials.user.header();

function component(
  name: string,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'slo-kit.dev/sre-owner': 'group:default/payments-sre',
        ...annotations,
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-payments' },
  };
}

const payments = component('payments');
const strict = component('ledger', {
  'slo-kit.dev/release-policy': 'payments-critical',
});
const typo = component('typo', { 'slo-kit.dev/release-policy': 'nonexistent' });

const POLICIES = {
  slo: {
    releasePolicies: {
      'payments-critical': {
        rules: [{ when: 'budgetBelow', fraction: 0.9, then: 'block' }],
      },
      advisory: {
        mode: 'advisory',
        rules: [{ when: 'budgetExhausted', then: 'block' }],
      },
    },
  },
};

async function startBackend(
  options: { catalog?: any; entities?: Entity[]; config?: object } = {},
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
      mockServices.rootConfig.factory({ data: options.config ?? POLICIES }),
      options.catalog ??
        catalogServiceMock.factory({
          entities: options.entities ?? [payments, strict, typo],
        }),
    ],
  });
  const stores = await createSloStores({
    database: mockServices.database({ knex, migrations: { skip: true } }),
  });
  return { server, stores };
}

type Stores = Awaited<ReturnType<typeof startBackend>>['stores'];

/** Registers one SLO of the entity and stores a status with `remaining` budget. */
async function withStatus(
  server: any,
  stores: Stores,
  entityRef: string,
  remaining: number,
  options: { page?: boolean; evaluatedAt?: number } = {},
) {
  const registered = await request(server)
    .post('/api/slo/v1/slos')
    .set('Authorization', PLUGIN)
    .send({ entityRef, openslo: openSloYaml(['availability']) });
  expect(registered.status).toBe(200);
  const [definition] = await stores.definitions.listEntityDefinitions(
    entityRef,
    { includeDeleted: false },
  );
  const evaluatedAt = options.evaluatedAt ?? Date.now();
  const evaluation = {
    at: new Date(evaluatedAt).toISOString(),
    window: { start: '2026-01-01T00:00:00Z', end: '2026-01-31T00:00:00Z' },
    periodMinutes: 43_200,
    objective: { target: 0.99 },
    sli: 0.98,
    errorBudget: {
      total: 100,
      consumed: 1 - remaining,
      remaining,
      unit: 'events',
    },
    burnRates: {},
    alerts: [
      {
        severity: 'page',
        budgetShare: 0.02,
        longWindow: '1h',
        shortWindow: '5m',
        factor: 14.4,
        longBurnRate: options.page ? 20 : 1,
        shortBurnRate: options.page ? 20 : 1,
        firing: options.page ?? false,
      },
    ],
    exhaustion: { at: null },
    dataCoverage: 1,
    status: remaining <= 0 ? 'critical' : 'healthy',
  } as unknown as SloEvaluation;
  await stores.statuses.writeStatuses([
    {
      sloKey: definition.sloKey,
      status: evaluation.status,
      sli: 0.98,
      budgetRemaining: remaining,
      evaluation,
      evaluatedAt,
      dataThrough: evaluatedAt,
    },
  ]);
  return definition.id;
}

describe('release gate API', () => {
  describe('GET /v1/gate/{kind}/{namespace}/{name}', () => {
    it('answers users and service principals with the decision, and 401 without credentials', async () => {
      const { server, stores } = await startBackend();
      const sloId = await withStatus(
        server,
        stores,
        'component:default/payments',
        -1.79,
      );
      const path = '/api/slo/v1/gate/component/default/payments';
      expect((await request(server).get(path)).status).toBe(401);
      for (const auth of [USER, PLUGIN, EXTERNAL]) {
        const res = await request(server).get(path).set('Authorization', auth);
        expect(res.status).toBe(200);
        const decision: GateDecision = res.body;
        expect(decision).toMatchObject({
          entityRef: 'component:default/payments',
          decision: 'block',
          enforced: 'block',
          policy: { name: 'default', mode: 'enforce' },
          decidedBy: 'group:default/payments-sre',
          exemption: null,
        });
        expect(decision.reasons[0]).toMatchObject({
          rule: 'budgetExhausted',
          outcome: 'block',
          sloId,
          message: expect.stringContaining('\u2212179 %'),
          numbers: { remaining: -1.79 },
        });
      }
    });

    it('uses the policy the entity names, and blocks naming the annotation for an unknown one', async () => {
      const { server, stores } = await startBackend();
      await withStatus(server, stores, 'component:default/ledger', 0.5);
      await withStatus(server, stores, 'component:default/typo', 0.9);
      const ledger = await request(server)
        .get('/api/slo/v1/gate/component/default/ledger')
        .set('Authorization', USER);
      expect(ledger.body.policy).toEqual({
        name: 'payments-critical',
        mode: 'enforce',
        exemptChangeTypes: ['rollback', 'security-fix'],
      });
      expect(ledger.body.decision).toBe('block');
      const unknown = await request(server)
        .get('/api/slo/v1/gate/component/default/typo')
        .set('Authorization', USER);
      expect(unknown.body.decision).toBe('block');
      expect(unknown.body.policy).toEqual({
        name: 'nonexistent',
        mode: 'enforce',
        exemptChangeTypes: [],
      });
      expect(unknown.body.reasons[0].rule).toBe('unknownPolicy');
      expect(unknown.body.reasons[0].message).toContain(
        'slo-kit.dev/release-policy',
      );
    });

    it('answers 404 for entities hidden from the user and for unknown ones', async () => {
      const catalog = catalogServiceMock.mock({
        getEntityByRef: async (_ref: any, { credentials }: any) =>
          credentials.principal.type === 'user' ? undefined : payments,
      });
      const { server, stores } = await startBackend({
        catalog: catalog.factory as any,
      });
      await withStatus(server, stores, 'component:default/payments', 0.5);
      const hidden = await request(server)
        .get('/api/slo/v1/gate/component/default/payments')
        .set('Authorization', USER);
      expect(hidden.status).toBe(404);
      const list = await request(server)
        .get('/api/slo/v1/gate/evaluations')
        .query({ entityRef: 'component:default/payments' })
        .set('Authorization', USER);
      expect(list.status).toBe(404);
      const recorded = await request(server)
        .post('/api/slo/v1/gate/evaluations')
        .set('Authorization', USER)
        .send({ entityRef: 'component:default/payments' });
      expect(recorded.status).toBe(404);
      expect(
        (
          await request(server)
            .get('/api/slo/v1/gate/component/default/payments')
            .set('Authorization', PLUGIN)
        ).status,
      ).toBe(200);
    });

    it('answers 404 for an entity neither the catalog nor SLO Kit knows', async () => {
      const { server } = await startBackend();
      const res = await request(server)
        .get('/api/slo/v1/gate/component/default/nobody')
        .set('Authorization', USER);
      expect(res.status).toBe(404);
    });

    it('warns about an entity in the catalog without SLOs (no data)', async () => {
      const { server } = await startBackend();
      const res = await request(server)
        .get('/api/slo/v1/gate/component/default/payments')
        .set('Authorization', USER);
      expect(res.status).toBe(200);
      expect(res.body.decision).toBe('warn');
      expect(res.body.reasons.map((r: any) => r.rule)).toEqual(['noData']);
    });

    it('records nothing', async () => {
      const { server, stores } = await startBackend();
      await withStatus(server, stores, 'component:default/payments', 0.5);
      await request(server)
        .get('/api/slo/v1/gate/component/default/payments')
        .set('Authorization', USER);
      expect(
        await stores.gateEvaluations.listEvaluations(
          'component:default/payments',
          { limit: 10 },
        ),
      ).toEqual([]);
    });
  });

  describe('POST /v1/gate/evaluations', () => {
    it('records who asked, version, environment and change type, and lists them newest first', async () => {
      const { server, stores } = await startBackend();
      await withStatus(server, stores, 'component:default/payments', -0.5);
      const body = {
        entityRef: 'Component:default/Payments',
        environment: 'production',
        version: '1.4.0',
        changeType: 'feature',
      };
      expect(
        (await request(server).post('/api/slo/v1/gate/evaluations').send(body))
          .status,
      ).toBe(401);

      const external = await request(server)
        .post('/api/slo/v1/gate/evaluations')
        .set('Authorization', EXTERNAL)
        .send(body);
      expect(external.status).toBe(200);
      const evaluation: GateEvaluation = external.body;
      expect(evaluation).toMatchObject({
        entityRef: 'component:default/payments',
        decision: 'block',
        enforced: 'block',
        requestedBy: 'external:test-service',
        environment: 'production',
        version: '1.4.0',
        changeType: 'feature',
      });
      expect(evaluation.id).toMatch(/^\d+$/);

      const user = await request(server)
        .post('/api/slo/v1/gate/evaluations')
        .set('Authorization', USER)
        .send({ ...body, version: '1.4.1', changeType: 'rollback' });
      expect(user.body).toMatchObject({
        requestedBy: 'user:default/mock',
        decision: 'allow',
        enforced: 'allow',
        exemption: 'rollback',
      });
      const plugin = await request(server)
        .post('/api/slo/v1/gate/evaluations')
        .set('Authorization', PLUGIN)
        .send({ entityRef: 'component:default/payments' });
      expect(plugin.body).toMatchObject({
        requestedBy: 'plugin:catalog',
        environment: null,
        version: null,
        changeType: null,
      });

      const list = await request(server)
        .get('/api/slo/v1/gate/evaluations')
        .query({ entityRef: 'component:default/payments' })
        .set('Authorization', USER);
      expect(list.status).toBe(200);
      expect(list.body.items.map((e: GateEvaluation) => e.requestedBy)).toEqual(
        ['plugin:catalog', 'user:default/mock', 'external:test-service'],
      );
      expect(list.body.items[2]).toEqual(evaluation);

      const limited = await request(server)
        .get('/api/slo/v1/gate/evaluations')
        .query({ entityRef: 'component:default/payments', limit: 1 })
        .set('Authorization', EXTERNAL);
      expect(limited.body.items).toHaveLength(1);
      expect(
        (
          await request(server)
            .get('/api/slo/v1/gate/evaluations')
            .query({ entityRef: 'component:default/payments' })
        ).status,
      ).toBe(401);
    });

    it('evaluates without recording when record is false', async () => {
      const { server, stores } = await startBackend();
      await withStatus(server, stores, 'component:default/payments', 0.5);
      const res = await request(server)
        .post('/api/slo/v1/gate/evaluations')
        .set('Authorization', EXTERNAL)
        .send({ entityRef: 'component:default/payments', record: false });
      expect(res.status).toBe(200);
      expect(res.body.id).toBe('');
      expect(res.body.decision).toBe('allow');
      expect(
        await stores.gateEvaluations.listEvaluations(
          'component:default/payments',
          { limit: 10 },
        ),
      ).toEqual([]);
    });

    it('tells CI allow under an advisory policy, showing the real decision', async () => {
      const advisory = component('checkout', {
        'slo-kit.dev/release-policy': 'advisory',
      });
      const { server, stores } = await startBackend({
        entities: [advisory],
      });
      await withStatus(server, stores, 'component:default/checkout', -1);
      const res = await request(server)
        .post('/api/slo/v1/gate/evaluations')
        .set('Authorization', EXTERNAL)
        .send({ entityRef: 'component:default/checkout' });
      expect(res.body).toMatchObject({
        decision: 'block',
        enforced: 'allow',
        policy: { name: 'advisory', mode: 'advisory' },
      });
    });

    it('rejects bad bodies with 400', async () => {
      const { server } = await startBackend();
      for (const body of [
        {},
        { entityRef: 'not a ref' },
        { entityRef: 'component:default/payments', surprise: 1 },
      ]) {
        const res = await request(server)
          .post('/api/slo/v1/gate/evaluations')
          .set('Authorization', EXTERNAL)
          .send(body);
        expect(res.status).toBe(400);
      }
    });
  });

  describe('POST /v1/events', () => {
    const deploy = {
      entityRef: 'component:default/payments',
      type: 'deploy',
      at: '2026-11-23T12:00:00.000Z',
      title: 'Deploy 1.4.0',
      version: '1.4.0',
      url: 'https://ci.example.com/runs/42',
    };

    it('records events from access tokens, plugins and users; 401 without credentials', async () => {
      const { server, stores } = await startBackend();
      expect(
        (await request(server).post('/api/slo/v1/events').send(deploy)).status,
      ).toBe(401);
      for (const auth of [EXTERNAL, PLUGIN, USER]) {
        const res = await request(server)
          .post('/api/slo/v1/events')
          .set('Authorization', auth)
          .send(deploy);
        expect(res.status).toBe(200);
        expect(res.body).toEqual(deploy);
      }
      const at = Date.parse(deploy.at);
      const events = await stores.events.listEvents(
        'component:default/payments',
        at,
        at + 1,
      );
      expect(events).toHaveLength(3);
      expect(events[0]).toEqual({
        entityRef: 'component:default/payments',
        sloId: null,
        type: 'deploy',
        title: 'Deploy 1.4.0',
        at,
        version: '1.4.0',
        url: 'https://ci.example.com/runs/42',
      });
    });

    it('keeps scoped access tokens to their entities and hides entities from users', async () => {
      const catalog = catalogServiceMock.mock({
        getEntityByRef: async (_ref: any, { credentials }: any) =>
          credentials.principal.type === 'user' ? undefined : payments,
      });
      const { server } = await startBackend({
        catalog: catalog.factory as any,
        config: {
          slo: {
            ingestion: {
              writers: [
                { subject: 'external:test-service', namespaces: ['other'] },
              ],
            },
          },
        },
      });
      const scoped = await request(server)
        .post('/api/slo/v1/events')
        .set('Authorization', EXTERNAL)
        .send(deploy);
      expect(scoped.status).toBe(403);
      expect(scoped.body.error.message).toContain('slo.ingestion.writers');
      const hidden = await request(server)
        .post('/api/slo/v1/events')
        .set('Authorization', USER)
        .send(deploy);
      expect(hidden.status).toBe(404);
    });

    it('rejects unknown types and missing fields with 400', async () => {
      const { server } = await startBackend();
      for (const body of [
        { ...deploy, type: 'party' },
        { ...deploy, title: undefined },
        { ...deploy, at: 'yesterday' },
      ]) {
        const res = await request(server)
          .post('/api/slo/v1/events')
          .set('Authorization', EXTERNAL)
          .send(body);
        expect(res.status).toBe(400);
      }
    });
  });
});
