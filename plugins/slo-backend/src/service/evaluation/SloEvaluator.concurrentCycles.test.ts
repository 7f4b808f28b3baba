import { TestDatabaseId, mockServices } from '@backstage/backend-test-utils';
import type { SliDataStore } from '@slo-kit/plugin-slo-node';
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

/** The SLI once the last 30 of 6 hours of minutes turned bad. */
const SLI_WITH_BAD_HALF_HOUR = (6 * 60 - 30) / (6 * 60);

/**
 * One SLO with 6 good hours of minutes up to NOW, the evaluator options on
 * its stores, a way to turn its last 30 minutes bad (as ingestion writes
 * them, marking the hour changed) and its stored SLI.
 */
async function sloWithSixGoodHours(databaseId: TestDatabaseId) {
  const stores = await createTestStores(databases, databaseId);
  const { definitions } = await stores.definitions.upsertDefinitions(
    'component:default/search',
    [occurrencesSlo('availability', { timeWindow: rollingWindow(3) })],
    { origin: 'catalog', replaceAll: true, now: NOW - DAY },
  );
  const { sloKey } = definitions[0];
  const end = NOW - (NOW % MINUTE);
  const minutes = (from: number, good: number) => {
    const rows = [];
    for (let t = from; t < end; t += MINUTE) {
      rows.push({ sloKey, bucketStart: t, good, total: 100 });
    }
    return rows;
  };
  await stores.sliData.writeMinuteBuckets(minutes(end - 6 * HOUR, 100));
  return {
    stores,
    options: {
      ...stores,
      logger: mockServices.logger.mock(),
      minuteRetentionMs: DAY,
    },
    turnLastHalfHourBad: () =>
      stores.sliData.writeMinuteBuckets(minutes(end - 30 * MINUTE, 0)),
    sli: async () =>
      (await stores.statuses.readStatuses([sloKey])).get(sloKey)!.evaluation
        .sli,
  };
}

describe.each(databases.eachSupportedId())(
  'SloEvaluator with cycles of two replicas at once on %s',
  databaseId => {
    it('reads everything again when another replica ran a cycle while its own read the changes', async () => {
      const { stores, options, turnLastHalfHourBad, sli } =
        await sloWithSixGoodHours(databaseId);

      // Replica A evaluates and keeps its cache warm.
      const sliDataOfA: SliDataStore = Object.create(stores.sliData);
      const replicaA = new SloEvaluator({ ...options, sliData: sliDataOfA });
      const first = await replicaA.runCycle(NOW);
      expect(first.coldStart).toBe(true);
      expect(await sli()).toBe(1);

      // The last 30 minutes turn bad. Replica B runs a whole cycle (and
      // clears the changes' marks) after A started, before A reads the marks.
      await turnLastHalfHourBad();
      const replicaB = new SloEvaluator(options);
      let resultOfB: Awaited<ReturnType<SloEvaluator['runCycle']>> | undefined;
      sliDataOfA.readDirtyHours = async () => {
        resultOfB = await replicaB.runCycle(NOW + MINUTE);
        return stores.sliData.readDirtyHours();
      };
      const second = await replicaA.runCycle(NOW + MINUTE);
      expect(resultOfB).toMatchObject({ coldStart: true, dirtyHours: 1 });

      // A found no marks left, saw B's cycle and read everything again, so
      // the status it wrote last counts the bad minutes.
      expect(second).toMatchObject({ coldStart: true, dirtyHours: 0 });
      expect(await sli()).toBeCloseTo(SLI_WITH_BAD_HALF_HOUR, 6);
    });

    it('reads everything again next time when another replica ran a whole cycle while its own was ending', async () => {
      const { stores, options, turnLastHalfHourBad, sli } =
        await sloWithSixGoodHours(databaseId);
      const sliDataOfA: SliDataStore = Object.create(stores.sliData);
      const replicaA = new SloEvaluator({ ...options, sliData: sliDataOfA });
      await replicaA.runCycle(NOW);

      // While A's second cycle clears its marks, the last 30 minutes turn
      // bad and replica B runs a whole cycle, clearing the new marks.
      const replicaB = new SloEvaluator(options);
      sliDataOfA.clearDirtyHours = async dirty => {
        delete (sliDataOfA as Partial<SliDataStore>).clearDirtyHours;
        await turnLastHalfHourBad();
        await replicaB.runCycle(NOW + MINUTE);
        return stores.sliData.clearDirtyHours(dirty);
      };
      await replicaA.runCycle(NOW + MINUTE);

      // A's next cycle finds no marks; it must not trust its cache.
      const third = await replicaA.runCycle(NOW + 2 * MINUTE);
      expect(third).toMatchObject({ coldStart: true, dirtyHours: 0 });
      expect(await sli()).toBeCloseTo(SLI_WITH_BAD_HALF_HOUR, 6);
    });
  },
);
