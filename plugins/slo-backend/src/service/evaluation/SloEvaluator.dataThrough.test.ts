import { mockServices } from '@backstage/backend-test-utils';
import type { MinuteBucketRow } from '@slo-kit/plugin-slo-node';
import { createStoreTestDatabases } from '../../__testUtils__/databases';
import { sloDefinition as occurrencesSlo } from '@slo-kit/plugin-slo-common/testUtils';
import { createTestStores } from '../../__testUtils__/stores';
import { SloEvaluator } from './SloEvaluator';

jest.setTimeout(60_000);

const databases = createStoreTestDatabases();
const MINUTE = 60_000;
const DAY = 86_400_000;
const at = (hour: number, minute: number) =>
  Date.UTC(2026, 0, 10, hour, minute, 20);
/** Data ends with the minute starting at 06:45, so it runs through 06:46. */
const LAST_MINUTE = Date.UTC(2026, 0, 10, 6, 45);
const DATA_THROUGH = LAST_MINUTE + MINUTE;

describe.each(databases.eachSupportedId())(
  'SloEvaluator dataThrough on %s',
  databaseId => {
    async function setup() {
      const stores = await createTestStores(databases, databaseId);
      const { definitions } = await stores.definitions.upsertDefinitions(
        'component:default/payments',
        [occurrencesSlo('availability')],
        { origin: 'catalog', replaceAll: true, now: at(0, 0) - DAY },
      );
      const sloKey = definitions[0].sloKey;
      const rows: MinuteBucketRow[] = [];
      for (let t = Date.UTC(2026, 0, 9, 12); t <= LAST_MINUTE; t += MINUTE) {
        rows.push({ sloKey, bucketStart: t, good: 10, total: 10 });
      }
      await stores.sliData.writeMinuteBuckets(rows);
      const evaluator = () =>
        new SloEvaluator({
          ...stores,
          logger: mockServices.logger.mock(),
          minuteRetentionMs: 4 * DAY,
        });
      const dataThrough = async () =>
        (await stores.statuses.readStatuses([sloKey])).get(sloKey)!.dataThrough;
      return { stores, sloKey, evaluator, dataThrough };
    }

    it.each([
      ['07:10', at(7, 10)],
      ['07:50', at(7, 50)],
      ['13:05', at(13, 5)],
      ['the next day', at(7, 50) + DAY],
    ])(
      'is the end of the last minute with data on a cold cache, evaluated at %s',
      async (_label, now) => {
        const { evaluator, dataThrough } = await setup();
        await evaluator().runCycle(now);
        expect(await dataThrough()).toBe(DATA_THROUGH);
      },
    );

    it('is the end of the last minute with data on a warm cache, every cycle', async () => {
      const { evaluator, dataThrough } = await setup();
      const warm = evaluator();
      for (const now of [
        at(6, 50),
        at(7, 10),
        at(7, 50),
        at(13, 5),
        at(7, 50) + DAY,
      ]) {
        expect((await warm.runCycle(now)).coldStart).toBe(now === at(6, 50));
        expect(await dataThrough()).toBe(DATA_THROUGH);
      }
    });

    it('moves back when the last minute is rewritten empty, and forward with new data', async () => {
      const { stores, sloKey, evaluator, dataThrough } = await setup();
      const warm = evaluator();
      await warm.runCycle(at(7, 50));
      await stores.sliData.writeMinuteBuckets([
        { sloKey, bucketStart: LAST_MINUTE, good: 0, total: 0 },
      ]);
      await warm.runCycle(at(7, 51));
      expect(await dataThrough()).toBe(LAST_MINUTE);
      await evaluator().runCycle(at(7, 52));
      expect(await dataThrough()).toBe(LAST_MINUTE);

      // Every minute from 05:50 on emptied: the data now end with 05:49,
      // inside an hour whose rollup runs to 06:00.
      const emptied: MinuteBucketRow[] = [];
      for (let t = Date.UTC(2026, 0, 10, 5, 50); t < LAST_MINUTE; t += MINUTE) {
        emptied.push({ sloKey, bucketStart: t, good: 0, total: 0 });
      }
      await stores.sliData.writeMinuteBuckets(emptied);
      await warm.runCycle(at(7, 53));
      expect(await dataThrough()).toBe(Date.UTC(2026, 0, 10, 5, 50));
      await evaluator().runCycle(at(7, 54));
      expect(await dataThrough()).toBe(Date.UTC(2026, 0, 10, 5, 50));

      await stores.sliData.writeMinuteBuckets([
        {
          sloKey,
          bucketStart: Date.UTC(2026, 0, 10, 7, 54),
          good: 1,
          total: 1,
        },
      ]);
      await warm.runCycle(at(7, 55));
      expect(await dataThrough()).toBe(Date.UTC(2026, 0, 10, 7, 55));
    });
  },
);
