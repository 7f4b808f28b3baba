import { mockServices } from '@backstage/backend-test-utils';
import { evaluateSlo } from '@slo-kit/plugin-slo-common';
import { sloDefinition as occurrencesSlo } from '@slo-kit/plugin-slo-common/testUtils';
import type { MinuteBucketRow, SloStatusRow } from '@slo-kit/plugin-slo-node';
import { createStoreTestDatabases } from '../../__testUtils__/databases';
import { createTestStores } from '../../__testUtils__/stores';
import { SloEvaluator } from './SloEvaluator';

jest.setTimeout(60_000);

const databases = createStoreTestDatabases();
const MINUTE = 60_000;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 0, 10, 12, 30, 20);
/** More SLOs than one status write takes, so a cycle writes several batches. */
const SLOS = 95;
const PER_ENTITY = 19;
const STATUS_WRITE_BATCH = 20;

describe.each(databases.eachSupportedId())(
  'SloEvaluator status writes on %s',
  databaseId => {
    it('writes every status in batches, and after a failed write keeps the changes for the next cycle', async () => {
      const stores = await createTestStores(databases, databaseId);
      const slo = occurrencesSlo('x', {
        timeWindow: { kind: 'rolling', duration: '1d', durationMinutes: 1440 },
      });
      const keys: number[] = [];
      for (let e = 0; e < SLOS / PER_ENTITY; e++) {
        const { definitions } = await stores.definitions.upsertDefinitions(
          `component:default/svc-${e}`,
          Array.from({ length: PER_ENTITY }, (_, i) => ({
            ...slo,
            name: `slo-${i}`,
          })),
          { origin: 'registration', replaceAll: true, now: NOW - DAY },
        );
        keys.push(...definitions.map(d => d.sloKey));
      }
      const lastMinute = NOW - (NOW % MINUTE) - MINUTE;
      const minuteOf = (sloKey: number, good: number): MinuteBucketRow => ({
        sloKey,
        bucketStart: lastMinute,
        good,
        total: 100,
      });
      await stores.sliData.writeMinuteBuckets(keys.map(k => minuteOf(k, 99)));
      // The real status store, whose writes can be made to fail from the
      // n-th on, as a lost connection would.
      let failFromWrite = Infinity;
      let writes = 0;
      const statuses = Object.create(stores.statuses);
      statuses.writeStatuses = async (rows: SloStatusRow[]) => {
        writes += 1;
        if (writes >= failFromWrite) {
          throw new Error('Connection terminated unexpectedly');
        }
        await stores.statuses.writeStatuses(rows);
      };
      const logger = mockServices.logger.mock();
      const evaluator = new SloEvaluator({
        ...stores,
        statuses,
        logger,
        minuteRetentionMs: 4 * DAY,
        statusWriteBatch: STATUS_WRITE_BATCH,
      });

      const first = await evaluator.runCycle(NOW);
      expect(first.evaluated).toBe(SLOS);
      const written = await stores.statuses.readStatuses(keys);
      expect(written.size).toBe(SLOS);
      const expected = (good: number) =>
        evaluateSlo(
          slo,
          { minutes: [{ start: lastMinute, good, total: 100 }] },
          NOW,
        );
      expect(written.get(keys[SLOS - 1])!.evaluation).toEqual(expected(99));

      // The connection is lost after the cycle's second status write: the
      // cycle fails, and the changed minutes stay marked for the next one.
      await stores.sliData.writeMinuteBuckets(keys.map(k => minuteOf(k, 50)));
      writes = 0;
      failFromWrite = 3;
      await expect(evaluator.runCycle(NOW)).rejects.toThrow(
        'Connection terminated unexpectedly',
      );
      expect((await stores.sliData.readDirtyHours()).length).toBe(SLOS);
      failFromWrite = Infinity;

      const retried = await evaluator.runCycle(NOW);
      expect(retried.dirtyHours).toBe(SLOS);
      const after = await stores.statuses.readStatuses(keys);
      for (const key of keys) {
        expect(after.get(key)!.evaluation).toEqual(expected(50));
      }
      expect(await stores.sliData.readDirtyHours()).toEqual([]);
    });
  },
);
