import { mockServices } from '@backstage/backend-test-utils';
import { SloEvaluation } from '@slo-kit/plugin-slo-common';
import { createStoreTestDatabases } from '../__testUtils__/databases';
import { occurrencesSlo } from '../__testUtils__/fixtures';
import { DatabaseSloStore } from './DatabaseSloStore';

jest.setTimeout(60_000);

const databases = createStoreTestDatabases();
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
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
  'DatabaseSloStore on %s',
  databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      const store = await DatabaseSloStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      return { knex, store };
    }

    it('creates, updates and soft-deletes definitions idempotently', async () => {
      const { store } = await createStore();
      const first = await store.upsertDefinitions(
        ENTITY,
        [occurrencesSlo('availability'), occurrencesSlo('latency')],
        { origin: 'catalog', replaceAll: true, now: T0 },
      );
      expect(first.created).toEqual([
        `${ENTITY}#availability`,
        `${ENTITY}#latency`,
      ]);
      expect(first.definitions.map(d => d.id)).toEqual([
        `${ENTITY}#availability`,
        `${ENTITY}#latency`,
      ]);

      const replay = await store.upsertDefinitions(
        ENTITY,
        [occurrencesSlo('availability'), occurrencesSlo('latency')],
        { origin: 'catalog', replaceAll: true, now: T0 + MINUTE },
      );
      expect(replay).toMatchObject({ created: [], updated: [], deleted: [] });
      expect(replay.definitions[0].updatedAt).toBe(T0);

      const shrunk = await store.upsertDefinitions(
        ENTITY,
        [occurrencesSlo('availability', { objectives: [{ target: 0.995 }] })],
        { origin: 'catalog', replaceAll: true, now: T0 + 2 * MINUTE },
      );
      expect(shrunk.updated).toEqual([`${ENTITY}#availability`]);
      expect(shrunk.deleted).toEqual([`${ENTITY}#latency`]);
      expect(
        shrunk.definitions.map(d => d.definition.objectives[0].target),
      ).toEqual([0.995]);

      const all = await store.listEntityDefinitions(ENTITY, {
        includeDeleted: true,
      });
      expect(all.find(d => d.name === 'latency')?.deletedAt).toBe(
        T0 + 2 * MINUTE,
      );
      expect(await store.resolveLiveSloKeys([`${ENTITY}#latency`])).toEqual(
        new Map(),
      );
    });

    it('sets minute buckets instead of adding, and marks their hours dirty', async () => {
      const { store } = await createStore();
      const { definitions } = await store.upsertDefinitions(
        ENTITY,
        [occurrencesSlo('availability')],
        { origin: 'registration', replaceAll: true, now: T0 },
      );
      const sloKey = definitions[0].sloKey;
      const rows = [
        { sloKey, bucketStart: T0 + 61 * MINUTE, good: 90, total: 100 },
        { sloKey, bucketStart: T0, good: 9, total: 10 },
        { sloKey, bucketStart: T0 + 5 * MINUTE, good: 5, total: 5 },
      ];
      await store.writeMinuteBuckets(rows);
      await store.writeMinuteBuckets(rows);
      await store.writeMinuteBuckets([
        { sloKey, bucketStart: T0, good: 10, total: 10 },
      ]);

      const stored = await store.readMinuteBuckets(T0, T0 + 2 * HOUR, [sloKey]);
      expect(stored).toEqual([
        { sloKey, bucketStart: T0, good: 10, total: 10 },
        { sloKey, bucketStart: T0 + 5 * MINUTE, good: 5, total: 5 },
        { sloKey, bucketStart: T0 + 61 * MINUTE, good: 90, total: 100 },
      ]);

      const dirty = await store.readDirtyHours();
      expect(dirty.map(({ token, ...rest }) => rest)).toEqual([
        { sloKey, hourStart: T0, firstBucket: T0, lastBucket: T0 + 5 * MINUTE },
        {
          sloKey,
          hourStart: T0 + HOUR,
          firstBucket: T0 + 61 * MINUTE,
          lastBucket: T0 + 61 * MINUTE,
        },
      ]);
      expect(await store.readLatestBucketStarts([sloKey], 0)).toEqual(
        new Map([[sloKey, T0 + 61 * MINUTE]]),
      );
    });

    it('keeps dirty marks that a later write renewed', async () => {
      const { store } = await createStore();
      const { definitions } = await store.upsertDefinitions(
        ENTITY,
        [occurrencesSlo('availability')],
        { origin: 'registration', replaceAll: true, now: T0 },
      );
      const sloKey = definitions[0].sloKey;
      await store.writeMinuteBuckets([
        { sloKey, bucketStart: T0, good: 1, total: 1 },
      ]);
      const seen = await store.readDirtyHours();
      await store.writeMinuteBuckets([
        { sloKey, bucketStart: T0 + 2 * MINUTE, good: 1, total: 1 },
        { sloKey, bucketStart: T0 + 2 * HOUR, good: 1, total: 1 },
      ]);
      await store.clearDirtyHours(seen);
      const left = await store.readDirtyHours();
      expect(left.map(d => [d.hourStart, d.firstBucket, d.lastBucket])).toEqual(
        [
          [T0, T0, T0 + 2 * MINUTE],
          [T0 + 2 * HOUR, T0 + 2 * HOUR, T0 + 2 * HOUR],
        ],
      );
      await store.clearDirtyHours(left);
      expect(await store.readDirtyHours()).toEqual([]);
    });

    it('writes and replaces rollups and statuses, and lists the portfolio', async () => {
      const { store } = await createStore();
      const { definitions } = await store.upsertDefinitions(
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
      const rollup = {
        sloKey: definitions[0].sloKey,
        hourStart: T0,
        good: 10,
        total: 12,
        minutesWithData: 2,
        slicesWithData: 2,
        goodSlices: 1,
        sliceRatioSum: 1.5,
      };
      await store.writeRollups([rollup]);
      await store.writeRollups([{ ...rollup, good: 11 }]);
      expect(await store.readRollups(T0, T0 + HOUR)).toEqual([
        { ...rollup, good: 11 },
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

    it('records sync errors and events and applies retention', async () => {
      const { store } = await createStore();
      await store.replaceSyncErrors(ENTITY, [
        {
          entityRef: ENTITY,
          file: 'slos.yaml',
          documentIndex: 1,
          documentName: 'latency',
          path: 'spec.objectives[0].target',
          message: 'must be below 1',
          occurredAt: T0,
        },
      ]);
      expect(await store.listSyncErrors(ENTITY)).toEqual([
        expect.objectContaining({
          documentIndex: 1,
          path: 'spec.objectives[0].target',
        }),
      ]);
      await store.replaceSyncErrors(ENTITY, []);
      expect(await store.listSyncErrors(ENTITY)).toEqual([]);

      await store.addEvent({
        entityRef: ENTITY,
        sloId: null,
        type: 'deploy',
        title: 'v1.2.3',
        at: T0,
      });
      expect(await store.listEvents(ENTITY, T0, T0 + 1)).toHaveLength(1);
      expect(await store.listEvents(ENTITY, T0 + 1, T0 + 2)).toHaveLength(0);

      const { definitions } = await store.upsertDefinitions(
        ENTITY,
        [occurrencesSlo('a')],
        {
          origin: 'catalog',
          replaceAll: true,
          now: T0,
        },
      );
      const sloKey = definitions[0].sloKey;
      await store.writeMinuteBuckets([
        { sloKey, bucketStart: T0 - 5 * 24 * HOUR, good: 1, total: 1 },
        { sloKey, bucketStart: T0, good: 1, total: 1 },
      ]);
      expect(await store.deleteMinuteBucketsBefore(T0 - 4 * 24 * HOUR)).toBe(1);
      expect(await store.readMinuteBuckets(0, T0 + HOUR)).toHaveLength(1);

      await store.setJobState('cycle', '1');
      await store.setJobState('cycle', '2');
      expect(await store.getJobState('cycle')).toBe('2');
    });

    it('keeps daily rollups equal to the sums of their hourly rollups', async () => {
      const { store } = await createStore();
      const { definitions } = await store.upsertDefinitions(
        ENTITY,
        [occurrencesSlo('a'), occurrencesSlo('b')],
        { origin: 'catalog', replaceAll: true, now: T0 },
      );
      const [a, b] = definitions.map(d => d.sloKey);
      const day = T0 - (T0 % DAY);
      const hour = (sloKey: number, offset: number, good: number) => ({
        sloKey,
        hourStart: day + offset * HOUR,
        good,
        total: 10,
        minutesWithData: 60,
        slicesWithData: 12,
        goodSlices: 11,
        sliceRatioSum: 11.5,
      });
      await store.writeRollups([hour(a, 1, 9), hour(a, 5, 8), hour(b, 2, 7)]);
      // Rewriting an hour sets the day's sums again, it never adds to them.
      await store.writeRollups([hour(a, 5, 6), hour(a, 30, 10)]);

      const days = await store.readRollupSpans('day', day, day + 2 * DAY, [
        a,
        b,
      ]);
      expect(days.get(a)).toEqual([
        {
          start: day,
          durationMs: DAY,
          good: 15,
          total: 20,
          minutesWithData: 120,
          slicesWithData: 24,
          goodSlices: 22,
          sliceRatioSum: 23,
        },
        {
          start: day + DAY,
          durationMs: DAY,
          good: 10,
          total: 10,
          minutesWithData: 60,
          slicesWithData: 12,
          goodSlices: 11,
          sliceRatioSum: 11.5,
        },
      ]);
      expect(days.get(b)).toMatchObject([{ start: day, good: 7, total: 10 }]);
      const hours = await store.readRollupSpans('hour', day, day + DAY, [a]);
      expect(hours.get(a)).toMatchObject([
        { start: day + HOUR, durationMs: HOUR, good: 9 },
        { start: day + 5 * HOUR, durationMs: HOUR, good: 6 },
      ]);

      // Retention that cuts a day sums the day again from the hours it keeps.
      expect(await store.deleteRollupsBefore(day + 3 * HOUR)).toBe(2);
      const kept = await store.readRollupSpans('day', 0, day + 2 * DAY, [a, b]);
      expect(kept.get(a)).toMatchObject([
        { start: day, good: 6, total: 10 },
        { start: day + DAY, good: 10 },
      ]);
      expect(kept.get(b)).toBeUndefined();
    });
  },
);
