import { mockServices } from '@backstage/backend-test-utils';
import { evaluateSlo } from '@slo-kit/plugin-slo-common';
import type { MinuteBucketRow } from '@slo-kit/plugin-slo-node';
import { createStoreTestDatabases } from '../../__testUtils__/databases';
import { sloDefinition as occurrencesSlo } from '@slo-kit/plugin-slo-common/testUtils';
import { createTestStores } from '../../__testUtils__/stores';
import { SloEvaluator } from './SloEvaluator';

jest.setTimeout(60_000);

const databases = createStoreTestDatabases();
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 0, 10, 12, 30, 20);
const ENTITY = 'component:default/payments';

describe.each(databases.eachSupportedId())(
  'SloEvaluator with a failing SLO on %s',
  databaseId => {
    it('writes an error status for an SLO the engine cannot evaluate and keeps evaluating the others', async () => {
      const stores = await createTestStores(databases, databaseId);
      const healthy = occurrencesSlo('availability', {
        timeWindow: { kind: 'rolling', duration: '1d', durationMinutes: 1440 },
      });
      // Injected through the store, past any parser: a window so long that
      // its start is no valid date makes the engine throw a RangeError.
      const broken = occurrencesSlo('broken', {
        timeWindow: {
          kind: 'rolling',
          duration: '1000000000d',
          durationMinutes: 1_000_000_000 * 1440,
        },
      });
      expect(() => evaluateSlo(broken, { minutes: [] }, NOW)).toThrow(
        RangeError,
      );
      const { definitions } = await stores.definitions.upsertDefinitions(
        ENTITY,
        [healthy, broken],
        { origin: 'registration', replaceAll: true, now: NOW - DAY },
      );
      const [healthyKey, brokenKey] = definitions.map(d => d.sloKey);
      const rows: MinuteBucketRow[] = [];
      const end = NOW - (NOW % MINUTE);
      for (let t = end - 3 * HOUR; t < end; t += MINUTE) {
        for (const sloKey of [healthyKey, brokenKey]) {
          rows.push({ sloKey, bucketStart: t, good: 99, total: 100 });
        }
      }
      await stores.sliData.writeMinuteBuckets(rows);
      const logger = mockServices.logger.mock();
      const evaluator = new SloEvaluator({
        ...stores,
        logger,
        minuteRetentionMs: 4 * DAY,
      });

      const result = await evaluator.runCycle(NOW);
      expect(result.evaluated).toBe(2);
      const statuses = await stores.statuses.readStatuses([
        healthyKey,
        brokenKey,
      ]);
      const healthyStatus = statuses.get(healthyKey)!;
      expect(healthyStatus.status).not.toBe('error');
      expect(healthyStatus.evaluation).toEqual(
        evaluateSlo(
          healthy,
          {
            minutes: rows
              .filter(r => r.sloKey === healthyKey)
              .map(r => ({
                start: r.bucketStart,
                good: r.good,
                total: r.total,
              })),
          },
          NOW,
        ),
      );
      const brokenStatus = statuses.get(brokenKey)!;
      expect(brokenStatus).toMatchObject({
        status: 'error',
        sli: null,
        budgetRemaining: null,
        evaluatedAt: NOW,
        evaluation: {
          status: 'error',
          error: expect.stringContaining('RangeError'),
          sli: null,
          objective: { target: 0.999 },
        },
      });
      expect(logger.error).toHaveBeenCalledWith(
        expect.stringContaining(`${ENTITY}#broken`),
        expect.any(RangeError),
      );
      expect(await stores.sliData.readDirtyHours()).toEqual([]);

      // The next cycle, warm, still updates the healthy SLO.
      await stores.sliData.writeMinuteBuckets([
        { sloKey: healthyKey, bucketStart: end, good: 0, total: 100 },
      ]);
      const next = await evaluator.runCycle(NOW + MINUTE);
      expect(next).toMatchObject({ coldStart: false, evaluated: 2 });
      const after = await stores.statuses.readStatuses([healthyKey, brokenKey]);
      expect(after.get(healthyKey)!.evaluatedAt).toBe(NOW + MINUTE);
      expect(after.get(healthyKey)!.dataThrough).toBe(end + MINUTE);
      expect(after.get(brokenKey)).toMatchObject({
        status: 'error',
        evaluatedAt: NOW + MINUTE,
      });
    });
  },
);
