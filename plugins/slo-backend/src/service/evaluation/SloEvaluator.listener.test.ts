import { mockServices } from '@backstage/backend-test-utils';
import type { MinuteBucketRow } from '@slo-kit/plugin-slo-node';
import { sloDefinition as occurrencesSlo } from '@slo-kit/plugin-slo-common/testUtils';
import { createStoreTestDatabases } from '../../__testUtils__/databases';
import { createTestStores } from '../../__testUtils__/stores';
import { SloEvaluator } from './SloEvaluator';
import type { EvaluatedSlo } from './SloStatusListener';

jest.setTimeout(60_000);

const databases = createStoreTestDatabases();
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 0, 10, 12, 30, 20);

describe.each(databases.eachSupportedId())(
  'SloEvaluator status listener on %s',
  databaseId => {
    async function setup() {
      const stores = await createTestStores(databases, databaseId);
      const window = {
        kind: 'rolling' as const,
        duration: '1d',
        durationMinutes: 1440,
      };
      const { definitions } = await stores.definitions.upsertDefinitions(
        'component:default/payments',
        [
          occurrencesSlo('availability', { timeWindow: window }),
          occurrencesSlo('latency', { timeWindow: window }),
        ],
        { origin: 'catalog', replaceAll: true, now: NOW - DAY },
      );
      const [good, bad] = definitions.map(d => d.sloKey);
      const rows: MinuteBucketRow[] = [];
      const end = NOW - (NOW % MINUTE);
      for (let t = end - 3 * HOUR; t < end; t += MINUTE) {
        rows.push({ sloKey: good, bucketStart: t, good: 100, total: 100 });
        rows.push({ sloKey: bad, bucketStart: t, good: 50, total: 100 });
      }
      await stores.sliData.writeMinuteBuckets(rows);
      return { stores, definitions };
    }

    it('hands the listener every SLO with the status written for it, after writing', async () => {
      const { stores, definitions } = await setup();
      const heard: EvaluatedSlo[][] = [];
      const storedWhenHeard: unknown[] = [];
      const evaluator = new SloEvaluator({
        ...stores,
        logger: mockServices.logger.mock(),
        minuteRetentionMs: 4 * DAY,
        statusListener: {
          async statusesWritten(slos) {
            heard.push(slos);
            storedWhenHeard.push(
              await stores.statuses.readStatuses(
                slos.map(s => s.status.sloKey),
              ),
            );
          },
        },
      });
      await evaluator.runCycle(NOW);
      expect(heard).toHaveLength(1);
      expect(heard[0].map(s => s.definition.id)).toEqual(
        definitions.map(d => d.id),
      );
      expect(heard[0].map(s => s.status.status)).toEqual([
        'healthy',
        'critical',
      ]);
      const stored = storedWhenHeard[0] as Map<number, unknown>;
      for (const { status } of heard[0]) {
        expect(stored.get(status.sloKey)).toEqual(status);
      }
    });

    it('logs a failing listener and still completes the cycle', async () => {
      const { stores, definitions } = await setup();
      const logger = mockServices.logger.mock();
      const evaluator = new SloEvaluator({
        ...stores,
        logger,
        minuteRetentionMs: 4 * DAY,
        statusListener: {
          async statusesWritten() {
            throw new Error('notification states unreadable');
          },
        },
      });
      const result = await evaluator.runCycle(NOW);
      expect(result).toMatchObject({ evaluated: 2, failed: 0 });
      const stored = await stores.statuses.readStatuses(
        definitions.map(d => d.sloKey),
      );
      expect(stored.size).toBe(2);
      expect(logger.error).toHaveBeenCalledWith(
        'SLO evaluation wrote every status, but handling the status changes failed; they are looked at again next cycle',
        expect.objectContaining({ message: 'notification states unreadable' }),
      );
      // The next cycle runs warm: the failure did not disturb the cycle's state.
      expect((await evaluator.runCycle(NOW + MINUTE)).coldStart).toBe(false);
    });
  },
);
