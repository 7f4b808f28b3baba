import {
  TestDatabaseId,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  PortfolioItem,
  PortfolioResponse,
  SloEvaluation,
} from '@slo-kit/plugin-slo-common';
import { sloDefinition } from '@slo-kit/plugin-slo-common/testUtils';
import request from 'supertest';
import { createStoreTestDatabases } from '../../__testUtils__/databases';
import { createSloStores } from '../../database/SloStores';
import { sloPlugin } from '../../plugin';

jest.setTimeout(60_000);

const databases = createStoreTestDatabases();

const USER = mockCredentials.user.header();
/** Another Backstage plugin calling on its own behalf. */
const PLUGIN = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('plugin:catalog'),
  targetPluginId: 'slo',
});

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
        'slo-kit.dev/sre-owner': 'group:default/sre',
        'backstage.io/managed-by-location': `url:https://git.example.com/${name}/catalog-info.yaml`,
        ...annotations,
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-payments' },
  };
}

/**
 * blocked: one SLO spent, one healthy. advisory: spent, under an advisory
 * policy. warned: below 25 % left. fine: plenty left. hidden: spent, but the
 * catalog hides it from users.
 */
const ENTITIES = [
  component('blocked'),
  component('advisory', { 'slo-kit.dev/release-policy': 'advisory' }),
  component('warned'),
  component('fine'),
  component('hidden'),
];
const REMAINING: Record<string, number[]> = {
  blocked: [-0.5, 0.9],
  advisory: [-1],
  warned: [0.1],
  fine: [0.9],
  hidden: [-1],
};

const CONFIG = {
  slo: {
    releasePolicies: {
      advisory: {
        mode: 'advisory',
        rules: [{ when: 'budgetExhausted', then: 'block' }],
      },
    },
  },
};

function statusOf(remaining: number): SloEvaluation['status'] {
  if (remaining <= 0) return 'critical';
  return remaining < 0.25 ? 'warning' : 'healthy';
}

function evaluation(remaining: number, at: number): SloEvaluation {
  return {
    at: new Date(at).toISOString(),
    window: {
      start: new Date(at - 86_400_000).toISOString(),
      end: new Date(at).toISOString(),
    },
    periodMinutes: 40_320,
    objective: { target: 0.999 },
    sli: 0.998,
    errorBudget: {
      total: 100,
      consumed: 1 - remaining,
      remaining,
      unit: 'events',
    },
    burnRates: {
      '5m': 1,
      '30m': 1,
      '1h': 1,
      '2h': 1,
      '6h': 1,
      '1d': 1,
      '3d': 1,
    },
    alerts: [],
    exhaustion: { at: null },
    dataCoverage: 1,
    status: statusOf(remaining),
  };
}

/**
 * A backend on the given database whose catalog hides `hidden` from users
 * and counts its calls; every entity's SLOs have a fresh status.
 */
async function startBackend(databaseId: TestDatabaseId) {
  const knex = await databases.init(databaseId);
  const inMemory = catalogServiceMock({ entities: ENTITIES });
  const hiddenFromUsers = (ref: string, credentials: any) =>
    credentials.principal.type === 'user' && ref === 'component:default/hidden';
  const catalog = catalogServiceMock.mock({
    getEntityByRef: jest.fn(async (ref: any, options: any) =>
      hiddenFromUsers(ref, options.credentials)
        ? undefined
        : inMemory.getEntityByRef(ref, options),
    ),
    getEntitiesByRefs: jest.fn(async (req: any, options: any) => {
      const { items } = await inMemory.getEntitiesByRefs(req, options);
      return {
        items: items.map((item, i) =>
          hiddenFromUsers(req.entityRefs[i], options.credentials)
            ? undefined
            : item,
        ),
      };
    }),
  });
  const { server } = await startTestBackend({
    features: [
      sloPlugin,
      mockServices.database.factory({ knex }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.rootConfig.factory({ data: CONFIG }),
      catalog.factory as any,
    ],
  });
  const stores = await createSloStores({
    database: mockServices.database({ knex, migrations: { skip: true } }),
  });
  const now = Date.now();
  for (const [name, remainders] of Object.entries(REMAINING)) {
    const { definitions } = await stores.definitions.upsertDefinitions(
      `component:default/${name}`,
      remainders.map((_, i) =>
        sloDefinition(`slo-${i}`, { displayName: `${name} ${i}` }),
      ),
      {
        origin: 'catalog',
        replaceAll: true,
        now,
        owners: {
          serviceOwner: 'group:default/team-payments',
          sreOwner: 'group:default/sre',
        },
      },
    );
    await stores.statuses.writeStatuses(
      definitions.map((d, i) => {
        const e = evaluation(remainders[i], now);
        return {
          sloKey: d.sloKey,
          status: e.status,
          sli: e.sli,
          budgetRemaining: remainders[i],
          evaluation: e,
          evaluatedAt: now,
          dataThrough: now,
        };
      }),
    );
  }
  catalog.getEntitiesByRefs.mockClear();
  catalog.getEntityByRef.mockClear();
  return { server, catalog };
}

async function portfolio(server: any, query: string, auth = USER) {
  const res = await request(server)
    .get(`/api/slo/v1/slos${query}`)
    .set('Authorization', auth);
  return res;
}

const ids = (items: PortfolioItem[]) => items.map(i => i.id);

describe.each(databases.eachSupportedId())(
  'portfolio release decisions on %s',
  databaseId => {
    it('gives every row its entity\u2019s decision, judged over all the entity\u2019s SLOs, in one catalog read', async () => {
      const { server, catalog } = await startBackend(databaseId);

      // Only the healthy SLO of `blocked` is on the page, but its spent
      // sibling blocks the whole service.
      const healthy = await portfolio(server, '?status=healthy');
      expect(healthy.status).toBe(200);
      const body: PortfolioResponse = healthy.body;
      const byId = new Map(body.items.map(i => [i.id, i]));
      expect(byId.get('component:default/blocked#slo-1')!.release).toEqual({
        decision: 'block',
        enforced: 'block',
        policy: { name: 'default', mode: 'enforce' },
        firstReason: expect.objectContaining({
          rule: 'budgetExhausted',
          outcome: 'block',
          sloId: 'component:default/blocked#slo-0',
          message: 'blocked 0 error budget exhausted (\u221250 %).',
        }),
      });
      expect(byId.get('component:default/fine#slo-0')!.release).toEqual({
        decision: 'allow',
        enforced: 'allow',
        policy: { name: 'default', mode: 'enforce' },
        firstReason: null,
      });
      // One catalog read for all the entities, asking for what the gate needs.
      expect(catalog.getEntityByRef).not.toHaveBeenCalled();
      expect(catalog.getEntitiesByRefs).toHaveBeenCalledTimes(1);
      expect(catalog.getEntitiesByRefs.mock.calls[0][0].fields).toEqual(
        expect.arrayContaining([
          'spec.owner',
          'metadata.annotations.slo-kit.dev/sre-owner',
          'metadata.annotations.slo-kit.dev/release-policy',
        ]),
      );

      const all = await portfolio(server, '?limit=500');
      const advisory = all.body.items.find(
        (i: PortfolioItem) => i.entityRef === 'component:default/advisory',
      );
      expect(advisory.release).toMatchObject({
        decision: 'block',
        enforced: 'allow',
        policy: { name: 'advisory', mode: 'advisory' },
      });
      const warned = all.body.items.find(
        (i: PortfolioItem) => i.entityRef === 'component:default/warned',
      );
      expect(warned.release).toMatchObject({
        decision: 'warn',
        firstReason: { rule: 'budgetBelow' },
      });
      expect(all.body.totalCount).toBe(5);
    });

    it('agrees with the gate route on every entity', async () => {
      const { server } = await startBackend(databaseId);
      const all = await portfolio(server, '?limit=500');
      for (const item of all.body.items as PortfolioItem[]) {
        const name = item.entityRef.split('/')[1];
        const gate = await request(server)
          .get(`/api/slo/v1/gate/component/default/${name}`)
          .set('Authorization', USER);
        expect(gate.status).toBe(200);
        expect(item.release.decision).toBe(gate.body.decision);
        expect(item.release.enforced).toBe(gate.body.enforced);
        expect(item.release.policy.name).toBe(gate.body.policy.name);
      }
    });

    it('filters by decision before paging, so pages and the count hold only what may not ship', async () => {
      const { server } = await startBackend(databaseId);

      const blocked = await portfolio(server, '?release=block');
      expect(blocked.status).toBe(200);
      expect(ids(blocked.body.items)).toEqual([
        'component:default/advisory#slo-0',
        'component:default/blocked#slo-0',
        'component:default/blocked#slo-1',
      ]);
      expect(blocked.body.totalCount).toBe(3);

      // Paged one by one, by id and sorted by a column alike.
      for (const order of ['', '&sort=budgetRemaining']) {
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await portfolio(
            server,
            `?release=block&limit=1${order}${
              cursor ? `&cursor=${cursor}` : ''
            }`,
          );
          expect(page.body.totalCount).toBe(3);
          seen.push(...ids(page.body.items));
          cursor = page.body.nextCursor;
        } while (cursor);
        expect(seen).toEqual([
          'component:default/advisory#slo-0',
          'component:default/blocked#slo-0',
          'component:default/blocked#slo-1',
        ]);
      }

      const either = await portfolio(server, '?release=block&release=warn');
      expect(either.body.totalCount).toBe(4);
      expect(
        new Set(either.body.items.map((i: PortfolioItem) => i.entityRef)),
      ).toEqual(
        new Set([
          'component:default/advisory',
          'component:default/blocked',
          'component:default/warned',
        ]),
      );

      // With the status filter: the healthy SLO of a blocked service.
      const healthyBlocked = await portfolio(
        server,
        '?release=block&status=healthy',
      );
      expect(ids(healthyBlocked.body.items)).toEqual([
        'component:default/blocked#slo-1',
      ]);
      expect(healthyBlocked.body.totalCount).toBe(1);

      const none = await portfolio(
        server,
        '?release=warn&owner=group:default/nobody',
      );
      expect(none.body).toEqual({ items: [], totalCount: 0 });
    });

    it('leaves hidden entities out of the filtered pages and count', async () => {
      const { server } = await startBackend(databaseId);
      const asUser = await portfolio(server, '?release=block');
      expect(
        asUser.body.items.some(
          (i: PortfolioItem) => i.entityRef === 'component:default/hidden',
        ),
      ).toBe(false);
      const asPlugin = await portfolio(server, '?release=block', PLUGIN);
      expect(asPlugin.body.totalCount).toBe(4);
      expect(ids(asPlugin.body.items)).toContain(
        'component:default/hidden#slo-0',
      );
    });

    it('rejects other release values with 400 naming the parameter', async () => {
      const { server } = await startBackend(databaseId);
      for (const query of ['?release=allow', '?release=block&release=maybe']) {
        const res = await portfolio(server, query);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(/release/);
      }
    });
  },
);
