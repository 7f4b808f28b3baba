import { createStoreTestDatabases } from '../__testUtils__/databases';
import { sloDefinition as occurrencesSlo } from '@slo-kit/plugin-slo-common/testUtils';
import { createTestStores } from '../__testUtils__/stores';
import { keysPerStatement, rowsPerStatement } from './sql/batchSizes';
import { POSTGRES_KEYS_PER_GROUPED_READ } from './sliTables';

jest.setTimeout(60_000);

const databases = createStoreTestDatabases();
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 10, 12, 0);
const ENTITY = 'component:default/payments';

describe.each(databases.eachSupportedId())(
  'KnexSliDataStore on %s',
  databaseId => {
    /** Stores on a fresh database, with SLOs of the given names. */
    async function setup(names: string[]) {
      const stores = await createTestStores(databases, databaseId);
      const { definitions } = await stores.definitions.upsertDefinitions(
        ENTITY,
        names.map(name => occurrencesSlo(name)),
        { origin: 'registration', replaceAll: true, now: T0 },
      );
      return { store: stores.sliData, keys: definitions.map(d => d.sloKey) };
    }

    it('sets minute buckets instead of adding, and marks their hours dirty', async () => {
      const {
        store,
        keys: [sloKey],
      } = await setup(['availability']);
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

    it('writes more minute buckets than one statement holds, in one call', async () => {
      const {
        store,
        keys: [a, b],
      } = await setup(['a', 'b']);
      const perStatement = rowsPerStatement(4);
      const count = perStatement + 10;
      const rows = Array.from({ length: count }, (_, i) => ({
        sloKey: i % 2 === 0 ? a : b,
        bucketStart: T0 + Math.floor(i / 2) * MINUTE,
        good: i % 7,
        total: 10,
      }));
      await store.writeMinuteBuckets(rows);
      const stored = await store.readMinuteBuckets(0, T0 + 2 * count * MINUTE);
      expect(stored).toHaveLength(count);
      expect(stored[0]).toEqual({
        sloKey: a,
        bucketStart: T0,
        good: 0,
        total: 10,
      });
      const series = await store.readMinuteSeries(0, T0 + count * MINUTE, [
        a,
        b,
      ]);
      expect(series.get(a)).toHaveLength(Math.ceil(count / 2));
      expect(series.get(b)).toHaveLength(Math.floor(count / 2));
      expect(series.get(b)![1]).toEqual({
        start: T0 + MINUTE,
        good: 3,
        total: 10,
      });
    });

    it('reads minute series per SLO, with an empty list for SLOs without data', async () => {
      const {
        store,
        keys: [a, b],
      } = await setup(['a', 'b']);
      await store.writeMinuteBuckets([
        { sloKey: a, bucketStart: T0 + MINUTE, good: 1, total: 2 },
        { sloKey: a, bucketStart: T0, good: 2, total: 2 },
        { sloKey: a, bucketStart: T0 + HOUR, good: 0, total: 0 },
      ]);
      const series = await store.readMinuteSeries(T0, T0 + HOUR, [a, b]);
      expect(series).toEqual(
        new Map([
          [
            a,
            [
              { start: T0, good: 2, total: 2 },
              { start: T0 + MINUTE, good: 1, total: 2 },
            ],
          ],
          [b, []],
        ]),
      );
      // Minutes without traffic do not count as the latest data.
      expect(await store.readLatestBucketStarts([a, b], T0)).toEqual(
        new Map([[a, T0 + MINUTE]]),
      );
    });

    it('reads the data of more SLOs than one key list holds, each SLO in time order', async () => {
      const { store } = await setup([]);
      const many = keysPerStatement() * 2 + 7;
      const keys = Array.from({ length: many }, (_, i) => i + 1);
      // Written minute by minute for every SLO, as ingestion and the
      // evaluator write them: the table's order is not the SLOs' order.
      await store.writeMinuteBuckets(
        [T0 + MINUTE, T0].flatMap(bucketStart =>
          keys.map(sloKey => ({
            sloKey,
            bucketStart,
            good: sloKey % 5,
            total: 10,
          })),
        ),
      );
      // Keys in no particular order: PostgreSQL reads them in ascending
      // batches of POSTGRES_KEYS_PER_GROUPED_READ.
      expect(many).toBeGreaterThan(POSTGRES_KEYS_PER_GROUPED_READ);
      const series = await store.readMinuteSeries(T0, T0 + HOUR, [
        many + 1,
        ...[...keys].reverse(),
      ]);
      expect(series.size).toBe(many + 1);
      expect(series.get(many + 1)).toEqual([]);
      for (const sloKey of keys) {
        expect(series.get(sloKey)).toEqual([
          { start: T0, good: sloKey % 5, total: 10 },
          { start: T0 + MINUTE, good: sloKey % 5, total: 10 },
        ]);
      }
      const latest = await store.readLatestBucketStarts(keys, T0);
      expect(latest.size).toBe(many);
      expect(latest.get(many)).toBe(T0 + MINUTE);

      const sums = {
        minutesWithData: 1,
        slicesWithData: 1,
        goodSlices: 1,
        sliceRatioSum: 1,
      };
      await store.writeRollups(
        [T0 + HOUR, T0].flatMap(hourStart =>
          keys.map(sloKey => ({
            sloKey,
            hourStart,
            good: sloKey,
            total: 2 * sloKey,
            ...sums,
          })),
        ),
      );
      const spans = await store.readRollupSpans(
        'hour',
        T0,
        T0 + 2 * HOUR,
        keys,
      );
      expect(spans.size).toBe(many);
      for (const sloKey of keys) {
        expect(spans.get(sloKey)!.map(s => [s.start, s.good])).toEqual([
          [T0, sloKey],
          [T0 + HOUR, sloKey],
        ]);
      }
      const rows = await store.readRollups(T0, T0 + 2 * HOUR, keys);
      expect(rows.slice(0, 3).map(r => [r.sloKey, r.hourStart])).toEqual([
        [1, T0],
        [1, T0 + HOUR],
        [2, T0],
      ]);
    });

    it('keeps dirty marks that a later write renewed', async () => {
      const {
        store,
        keys: [sloKey],
      } = await setup(['availability']);
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

    it('sets hourly rollups instead of adding to them', async () => {
      const {
        store,
        keys: [sloKey],
      } = await setup(['a', 'b', 'c']);
      const rollup = {
        sloKey,
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
    });

    it('deletes minute buckets past retention', async () => {
      const {
        store,
        keys: [sloKey],
      } = await setup(['a']);
      await store.writeMinuteBuckets([
        { sloKey, bucketStart: T0 - 5 * 24 * HOUR, good: 1, total: 1 },
        { sloKey, bucketStart: T0, good: 1, total: 1 },
      ]);
      expect(await store.deleteMinuteBucketsBefore(T0 - 4 * 24 * HOUR)).toBe(1);
      expect(await store.readMinuteBuckets(0, T0 + HOUR)).toHaveLength(1);
    });

    it('keeps daily rollups equal to the sums of their hourly rollups', async () => {
      const {
        store,
        keys: [a, b],
      } = await setup(['a', 'b']);
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
