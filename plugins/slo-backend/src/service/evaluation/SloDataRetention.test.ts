import { mockServices } from '@backstage/backend-test-utils';
import { computeHourRollup } from '@slo-kit/plugin-slo-common';
import type { MinuteBucketRow } from '@slo-kit/plugin-slo-node';
import { createStoreTestDatabases } from '../../__testUtils__/databases';
import { sloDefinition as occurrencesSlo } from '@slo-kit/plugin-slo-common/testUtils';
import { createTestStores } from '../../__testUtils__/stores';
import { SloDataRetention } from './SloDataRetention';
import { SloEvaluator } from './SloEvaluator';

jest.setTimeout(60_000);

const databases = createStoreTestDatabases();
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 0, 10, 12, 30, 20);
const RETENTION = 4 * DAY;
/** The hour `NOW - RETENTION` falls in. */
const CUT_HOUR = Date.UTC(2026, 0, 6, 12);

describe.each(databases.eachSupportedId())(
  'SloDataRetention on %s',
  databaseId => {
    async function setup(days: number) {
      const stores = await createTestStores(databases, databaseId);
      const slo = occurrencesSlo('availability', {
        timeWindow: {
          kind: 'rolling',
          duration: '7d',
          durationMinutes: 7 * 1440,
        },
      });
      const { definitions } = await stores.definitions.upsertDefinitions(
        'component:default/payments',
        [slo],
        { origin: 'catalog', replaceAll: true, now: NOW - 10 * DAY },
      );
      const sloKey = definitions[0].sloKey;
      const rows: MinuteBucketRow[] = [];
      const end = NOW - (NOW % MINUTE);
      for (let t = end - days * DAY; t < end; t += MINUTE) {
        rows.push({ sloKey, bucketStart: t, good: 90, total: 100 });
      }
      await stores.sliData.writeMinuteBuckets(rows);
      const options = {
        ...stores,
        logger: mockServices.logger.mock(),
        minuteRetentionMs: RETENTION,
        hourRetentionMs: 400 * DAY,
      };
      return {
        stores,
        slo,
        sloKey,
        evaluator: new SloEvaluator(options),
        retention: new SloDataRetention(options),
      };
    }

    it('deletes data past retention', async () => {
      const { stores, sloKey, evaluator } = await setup(2);
      await evaluator.runCycle(NOW);
      const gateEvaluation = (recordedAt: number) => ({
        entityRef: 'component:default/payments',
        requestedBy: 'external:ci',
        environment: null,
        version: String(recordedAt),
        changeType: null,
        decision: {
          entityRef: 'component:default/payments',
          decision: 'allow' as const,
          enforced: 'allow' as const,
          policy: {
            name: 'default',
            mode: 'enforce' as const,
            exemptChangeTypes: [],
          },
          decidedBy: null,
          exemption: null,
          reasons: [],
          evaluatedAt: new Date(recordedAt).toISOString(),
        },
        recordedAt,
      });
      await stores.gateEvaluations.addEvaluation(gateEvaluation(NOW - 2 * DAY));
      await stores.gateEvaluations.addEvaluation(gateEvaluation(NOW - DAY));
      const retention = new SloDataRetention({
        ...stores,
        logger: mockServices.logger.mock(),
        minuteRetentionMs: DAY,
        hourRetentionMs: 1.5 * DAY,
      });
      const result = await retention.run(NOW);
      expect(result.minutesDeleted).toBeGreaterThan(0);
      expect(result.rollupsDeleted).toBeGreaterThan(0);
      expect(result.gateEvaluationsDeleted).toBe(1);
      expect(
        (
          await stores.gateEvaluations.listEvaluations(
            'component:default/payments',
            { limit: 10 },
          )
        ).map(e => e.recordedAt),
      ).toEqual([NOW - DAY]);
      const left = await stores.sliData.readMinuteBuckets(0, NOW, [sloKey]);
      // Minutes go in whole hours: the hour NOW - DAY falls in is kept.
      expect(left[0].bucketStart).toBe(NOW - DAY - ((NOW - DAY) % HOUR));
      const rollups = await stores.sliData.readRollups(0, NOW, [sloKey]);
      expect(rollups[0].hourStart).toBeGreaterThanOrEqual(NOW - 1.5 * DAY);
    });

    it('deletes minutes in whole hours only, keeping the hour the cut falls in', async () => {
      const { stores, sloKey, retention } = await setup(5);
      await retention.run(NOW);
      const left = await stores.sliData.readMinuteBuckets(0, NOW, [sloKey]);
      expect(left[0].bucketStart).toBe(CUT_HOUR);
      expect(left.filter(m => m.bucketStart < CUT_HOUR + HOUR)).toHaveLength(
        60,
      );
    });

    it('never lowers a rollup by rebuilding an hour from part of its minutes', async () => {
      const { stores, slo, sloKey, evaluator, retention } = await setup(5);
      await evaluator.runCycle(NOW);
      const rollupOfCutHour = async () =>
        (
          await stores.sliData.readRollups(CUT_HOUR, CUT_HOUR + HOUR, [sloKey])
        )[0];
      const counted = await rollupOfCutHour();
      expect(counted).toMatchObject({ good: 5400, total: 6000 });

      // A late minute lands in the hour the retention cut falls in (e.g.
      // from an SLI source): the hour is rebuilt from all of its minutes.
      await retention.run(NOW);
      const late = CUT_HOUR + 45 * MINUTE;
      await stores.sliData.writeMinuteBuckets([
        { sloKey, bucketStart: late, good: 0, total: 100 },
      ]);
      await evaluator.runCycle(NOW + MINUTE);
      const minutes = [];
      for (let t = CUT_HOUR; t < CUT_HOUR + HOUR; t += MINUTE) {
        minutes.push({ start: t, good: t === late ? 0 : 90, total: 100 });
      }
      const { start: _start, ...rebuilt } = computeHourRollup(
        slo,
        CUT_HOUR,
        minutes,
      );
      expect(await rollupOfCutHour()).toEqual({
        sloKey,
        hourStart: CUT_HOUR,
        ...rebuilt,
      });
      const afterLateMinute = await rollupOfCutHour();

      // Another late minute, then retention deletes the hour before the
      // evaluator gets to it: the rollup keeps what it counted.
      const later = NOW + HOUR;
      await stores.sliData.writeMinuteBuckets([
        { sloKey, bucketStart: late + MINUTE, good: 0, total: 100 },
      ]);
      await retention.run(later);
      expect(
        await stores.sliData.readMinuteBuckets(CUT_HOUR, CUT_HOUR + HOUR, [
          sloKey,
        ]),
      ).toEqual([]);
      await evaluator.runCycle(later);
      expect(await rollupOfCutHour()).toEqual(afterLateMinute);
      expect(await stores.sliData.readDirtyHours()).toEqual([]);
    });
  },
);
