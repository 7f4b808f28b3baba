import { mockServices } from '@backstage/backend-test-utils';
import {
  rollingWindow,
  sloDefinition as occurrencesSlo,
} from '@slo-kit/plugin-slo-common/testUtils';
import { createStoreTestDatabases } from '../../__testUtils__/databases';
import { createTestStores } from '../../__testUtils__/stores';
import { SloEvaluator } from './SloEvaluator';

jest.setTimeout(60_000);

const databases = createStoreTestDatabases();
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 0, 10, 12, 30, 20);

describe.each(databases.eachSupportedId())(
  'SloEvaluator and rewritten history on %s',
  databaseId => {
    it('reloads an SLO whose history revision was raised, and only then', async () => {
      const stores = await createTestStores(databases, databaseId);
      const { definitions } = await stores.definitions.upsertDefinitions(
        'component:default/search',
        [occurrencesSlo('availability', { timeWindow: rollingWindow(3) })],
        { origin: 'catalog', replaceAll: true, now: NOW - DAY },
      );
      const { sloKey, id } = definitions[0];
      const end = NOW - (NOW % MINUTE);
      const rows = [];
      for (let t = end - 6 * HOUR; t < end; t += MINUTE) {
        rows.push({ sloKey, bucketStart: t, good: 100, total: 100 });
      }
      await stores.sliData.writeMinuteBuckets(rows);
      const evaluator = new SloEvaluator({
        ...stores,
        logger: mockServices.logger.mock(),
        minuteRetentionMs: DAY,
      });
      await evaluator.runCycle(NOW);
      const sli = async () =>
        (await stores.statuses.readStatuses([sloKey])).get(sloKey)!.evaluation
          .sli;
      expect(await sli()).toBe(1);

      // A backfill writes an old hour (before minute retention) as a rollup.
      const oldHour = end - (end % HOUR) - 2 * DAY;
      await stores.sliData.writeRollups([
        {
          sloKey,
          hourStart: oldHour,
          good: 0,
          total: 36_000,
          minutesWithData: 60,
          slicesWithData: 60,
          goodSlices: 0,
          sliceRatioSum: 0,
        },
      ]);
      // Without a raised revision the evaluator keeps its cache.
      await evaluator.runCycle(NOW + MINUTE);
      expect(await sli()).toBe(1);

      await stores.definitions.raiseHistoryRevision([sloKey]);
      expect(
        (await stores.definitions.getDefinition(id))!.historyRevision,
      ).toBe(1);
      await evaluator.runCycle(NOW + 2 * MINUTE);
      expect(await sli()).toBeCloseTo(36_000 / (36_000 + 36_000), 6);
    });
  },
);
