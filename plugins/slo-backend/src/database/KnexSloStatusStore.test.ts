import { SloEvaluation } from '@slo-kit/plugin-slo-common';
import { createStoreTestDatabases } from '../__testUtils__/databases';
import { sloDefinition as occurrencesSlo } from '@slo-kit/plugin-slo-common/testUtils';
import { createTestStores } from '../__testUtils__/stores';

jest.setTimeout(60_000);

const databases = createStoreTestDatabases();
const MINUTE = 60_000;
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 10, 12, 0);
const ENTITY = 'component:default/payments';

function evaluationStub(status: SloEvaluation['status']): SloEvaluation {
  return {
    at: new Date(T0).toISOString(),
    window: {
      start: new Date(T0 - HOUR).toISOString(),
      end: new Date(T0).toISOString(),
    },
    periodMinutes: 60,
    objective: { target: 0.99 },
    sli: 0.995,
    errorBudget: { total: 1, consumed: 0.5, remaining: 0.5, unit: 'events' },
    burnRates: {
      '5m': null,
      '30m': null,
      '1h': null,
      '2h': null,
      '6h': null,
      '1d': null,
      '3d': null,
    },
    alerts: [],
    exhaustion: { at: null },
    dataCoverage: 1,
    status,
  };
}

describe.each(databases.eachSupportedId())(
  'KnexSloStatusStore on %s',
  databaseId => {
    it('writes and replaces statuses, and lists the portfolio', async () => {
      const stores = await createTestStores(databases, databaseId);
      const store = stores.statuses;
      const { definitions } = await stores.definitions.upsertDefinitions(
        ENTITY,
        [occurrencesSlo('a'), occurrencesSlo('b'), occurrencesSlo('c')],
        {
          origin: 'catalog',
          replaceAll: true,
          now: T0,
          owners: {
            serviceOwner: 'group:default/payments',
            sreOwner: 'group:default/sre',
          },
        },
      );

      await store.writeStatuses([
        {
          sloKey: definitions[0].sloKey,
          status: 'critical',
          sli: 0.9,
          budgetRemaining: -1,
          evaluation: evaluationStub('critical'),
          evaluatedAt: T0 - MINUTE,
          dataThrough: null,
        },
      ]);
      await store.writeStatuses([
        {
          sloKey: definitions[0].sloKey,
          status: 'warning',
          sli: 0.99,
          budgetRemaining: 0.2,
          evaluation: evaluationStub('warning'),
          evaluatedAt: T0,
          dataThrough: T0 - MINUTE,
        },
        {
          sloKey: definitions[1].sloKey,
          status: 'healthy',
          sli: 0.999,
          budgetRemaining: 0.9,
          evaluation: evaluationStub('healthy'),
          evaluatedAt: T0,
          dataThrough: null,
        },
      ]);
      const statuses = await store.readStatuses(definitions.map(d => d.sloKey));
      expect(statuses.get(definitions[0].sloKey)).toMatchObject({
        status: 'warning',
        budgetRemaining: 0.2,
        dataThrough: T0 - MINUTE,
      });
      expect(statuses.get(definitions[0].sloKey)).toEqual({
        sloKey: definitions[0].sloKey,
        status: 'warning',
        sli: 0.99,
        budgetRemaining: 0.2,
        evaluation: evaluationStub('warning'),
        evaluatedAt: T0,
        dataThrough: T0 - MINUTE,
      });
      expect(statuses.get(definitions[1].sloKey)?.dataThrough).toBeNull();
      expect(statuses.has(definitions[2].sloKey)).toBe(false);

      const page1 = await store.listPortfolio({ limit: 2 });
      expect(page1.totalCount).toBe(3);
      expect(page1.rows.map(r => r.definition.name)).toEqual(['a', 'b']);
      const page2 = await store.listPortfolio({
        limit: 2,
        afterId: page1.rows[1].definition.id,
      });
      expect(page2.rows.map(r => r.definition.name)).toEqual(['c']);
      expect(page2.rows[0].status).toBeUndefined();

      const noData = await store.listPortfolio({
        limit: 10,
        statuses: ['no-data'],
      });
      expect(noData.rows.map(r => r.definition.name)).toEqual(['c']);
      const mine = await store.listPortfolio({
        limit: 10,
        owners: ['group:default/sre'],
      });
      expect(mine.totalCount).toBe(3);
      const others = await store.listPortfolio({
        limit: 10,
        owners: ['group:default/other'],
      });
      expect(others.totalCount).toBe(0);

      // Sorted by budget left: least first, SLOs without a status last; pages by offset.
      const sorted1 = await store.listPortfolio({
        limit: 2,
        sort: 'budgetRemaining',
        order: 'asc',
      });
      expect(sorted1.rows.map(r => r.definition.name)).toEqual(['a', 'b']);
      const sorted2 = await store.listPortfolio({
        limit: 2,
        sort: 'budgetRemaining',
        order: 'asc',
        offset: 2,
      });
      expect(sorted2.rows.map(r => r.definition.name)).toEqual(['c']);
      const descending = await store.listPortfolio({
        limit: 10,
        sort: 'sli',
        order: 'desc',
      });
      expect(descending.rows.map(r => r.definition.name)).toEqual([
        'b',
        'a',
        'c',
      ]);
    });

    it('lists the live SLOs of given entities with their status, and keeps only given entities', async () => {
      const stores = await createTestStores(databases, databaseId);
      const store = stores.statuses;
      const upsert = (entityRef: string, names: string[]) =>
        stores.definitions.upsertDefinitions(
          entityRef,
          names.map(name => occurrencesSlo(name)),
          { origin: 'catalog', replaceAll: true, now: T0 },
        );
      const { definitions } = await upsert(ENTITY, ['b', 'a', 'gone']);
      await upsert('component:default/other', ['c']);
      await upsert('component:default/third', ['d']);
      // `gone` leaves the file: it is no longer live.
      await upsert(ENTITY, ['b', 'a']);
      const a = definitions.find(d => d.name === 'a')!;
      await store.writeStatuses([
        {
          sloKey: a.sloKey,
          status: 'critical',
          sli: 0.9,
          budgetRemaining: -1,
          evaluation: evaluationStub('critical'),
          evaluatedAt: T0,
          dataThrough: T0,
        },
      ]);

      const listed = await store.listEntityStatuses([
        ENTITY,
        'component:default/other',
        'component:default/unknown',
      ]);
      expect(listed.map(r => r.definition.id)).toEqual([
        'component:default/other#c',
        `${ENTITY}#a`,
        `${ENTITY}#b`,
      ]);
      expect(listed[1].status).toMatchObject({
        status: 'critical',
        budgetRemaining: -1,
      });
      expect(listed[2].status).toBeUndefined();
      expect(await store.listEntityStatuses([])).toEqual([]);

      const kept = await store.listPortfolio({
        limit: 10,
        entityRefs: ['component:default/other', 'component:default/third'],
      });
      expect(kept.totalCount).toBe(2);
      expect(kept.rows.map(r => r.definition.name)).toEqual(['c', 'd']);
      const nothing = await store.listPortfolio({ limit: 10, entityRefs: [] });
      expect(nothing).toEqual({ rows: [], totalCount: 0 });
      expect(
        await store.listPortfolioEntityRefs({
          entityRefs: [ENTITY],
          statuses: ['critical'],
        }),
      ).toEqual([ENTITY]);
    });
  },
);
