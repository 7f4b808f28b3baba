import { mockServices } from '@backstage/backend-test-utils';
import { computeHourRollup, evaluateSlo } from '@slo-kit/plugin-slo-common';
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
const RETENTION = 4 * DAY;

describe.each(databases.eachSupportedId())('SloEvaluator on %s', databaseId => {
  /** Fresh stores holding one SLO with a 1-day rolling window. */
  async function registerSlo() {
    const stores = await createTestStores(databases, databaseId);
    const slo = occurrencesSlo('availability', {
      timeWindow: { kind: 'rolling', duration: '1d', durationMinutes: 1440 },
    });
    const { definitions } = await stores.definitions.upsertDefinitions(
      'component:default/payments',
      [slo],
      { origin: 'catalog', replaceAll: true, now: NOW - DAY },
    );
    return { stores, slo, sloKey: definitions[0].sloKey };
  }

  async function setup() {
    const { stores, slo, sloKey } = await registerSlo();
    // Two days of minutes, one bad stretch two hours ago.
    const rows: MinuteBucketRow[] = [];
    const end = NOW - (NOW % MINUTE);
    for (let t = end - 2 * DAY; t < end; t += MINUTE) {
      const bad = t >= end - 2 * HOUR && t < end - 2 * HOUR + 10 * MINUTE;
      rows.push({ sloKey, bucketStart: t, good: bad ? 50 : 100, total: 100 });
    }
    await stores.sliData.writeMinuteBuckets(rows);
    const evaluator = new SloEvaluator({
      ...stores,
      logger: mockServices.logger.mock(),
      minuteRetentionMs: RETENTION,
    });
    return { stores, slo, sloKey, rows, evaluator };
  }

  it('writes statuses equal to evaluating all minute data directly', async () => {
    const { stores, slo, sloKey, rows, evaluator } = await setup();
    const result = await evaluator.runCycle(NOW);
    // Two days that do not start on an hour touch 49 hours.
    expect(result).toMatchObject({
      coldStart: true,
      evaluated: 1,
      dirtyHours: 49,
    });
    const expected = evaluateSlo(
      slo,
      {
        minutes: rows.map(r => ({
          start: r.bucketStart,
          good: r.good,
          total: r.total,
        })),
      },
      NOW,
    );
    const status = (await stores.statuses.readStatuses([sloKey])).get(sloKey)!;
    expect(status.evaluation).toEqual(expected);
    expect(status.status).toBe(expected.status);
    expect(status.evaluatedAt).toBe(NOW);
    expect(status.dataThrough).toBe(NOW - (NOW % MINUTE));
    expect(await stores.sliData.readDirtyHours()).toEqual([]);

    // Rollups are recomputed from minutes, equal to the engine's own rollup.
    const hour = NOW - (NOW % HOUR) - 2 * HOUR;
    const [rollup] = await stores.sliData.readRollups(hour, hour + HOUR, [
      sloKey,
    ]);
    const minutes = rows
      .filter(r => r.bucketStart >= hour && r.bucketStart < hour + HOUR)
      .map(r => ({ start: r.bucketStart, good: r.good, total: r.total }));
    const { sloKey: _k, hourStart, ...stored } = rollup;
    expect({ start: hourStart, ...stored }).toEqual(
      computeHourRollup(slo, hour, minutes),
    );
  });

  it('evaluates incrementally after one new minute, matching a full recomputation', async () => {
    const { stores, slo, sloKey, evaluator } = await setup();
    await evaluator.runCycle(NOW);
    const next = NOW + MINUTE;
    const newMinute = NOW - (NOW % MINUTE);
    await stores.sliData.writeMinuteBuckets([
      { sloKey, bucketStart: newMinute, good: 0, total: 100 },
    ]);
    // A late correction of an old hour is recomputed, never added to.
    const oldMinute = newMinute - 5 * HOUR;
    await stores.sliData.writeMinuteBuckets([
      { sloKey, bucketStart: oldMinute, good: 10, total: 100 },
    ]);

    const incremental = await evaluator.runCycle(next);
    expect(incremental).toMatchObject({
      coldStart: false,
      dirtyHours: 2,
      rollupsWritten: 2,
    });
    const incrementalStatus = (
      await stores.statuses.readStatuses([sloKey])
    ).get(sloKey)!;

    const fresh = new SloEvaluator({
      ...stores,
      logger: mockServices.logger.mock(),
      minuteRetentionMs: RETENTION,
    });
    const full = await fresh.runCycle(next);
    expect(full.coldStart).toBe(true);
    const fullStatus = (await stores.statuses.readStatuses([sloKey])).get(
      sloKey,
    )!;
    expect(incrementalStatus.evaluation).toEqual(fullStatus.evaluation);

    const all = await stores.sliData.readMinuteBuckets(0, next, [sloKey]);
    const direct = evaluateSlo(
      slo,
      {
        minutes: all.map(r => ({
          start: r.bucketStart,
          good: r.good,
          total: r.total,
        })),
      },
      next,
    );
    expect(fullStatus.evaluation).toEqual(direct);
    expect(fullStatus.evaluation.burnRates['5m']).toBeGreaterThan(0);
  });

  it('uses daily rollups for long windows and matches the engine on all minutes as time moves', async () => {
    const stores = await createTestStores(databases, databaseId);
    const slo = occurrencesSlo('availability', {
      timeWindow: { kind: 'rolling', duration: '30d', durationMinutes: 43200 },
    });
    const { definitions } = await stores.definitions.upsertDefinitions(
      'component:default/payments',
      [slo],
      { origin: 'catalog', replaceAll: true, now: NOW - 40 * DAY },
    );
    const sloKey = definitions[0].sloKey;
    const end = NOW - (NOW % MINUTE);
    const rows: MinuteBucketRow[] = [];
    for (let t = end - 32 * DAY; t < end; t += MINUTE) {
      const total = 100 + ((t / MINUTE) % 7);
      rows.push({
        sloKey,
        bucketStart: t,
        good: total - ((t / MINUTE) % 3),
        total,
      });
    }
    await stores.sliData.writeMinuteBuckets(rows);
    // Minutes are kept for the whole test so the window's first hour is exact.
    const options = {
      ...stores,
      logger: mockServices.logger.mock(),
      minuteRetentionMs: 40 * DAY,
    };
    const direct = async (at: number) => {
      const all = await stores.sliData.readMinuteBuckets(0, at, [sloKey]);
      return evaluateSlo(
        slo,
        {
          minutes: all.map(r => ({
            start: r.bucketStart,
            good: r.good,
            total: r.total,
          })),
        },
        at,
      );
    };
    const statusEvaluation = async () =>
      (await stores.statuses.readStatuses([sloKey])).get(sloKey)!.evaluation;

    // First cycle: hourly rollups computed from minutes, old days summed in memory.
    const evaluator = new SloEvaluator(options);
    await evaluator.runCycle(NOW);
    expect(await statusEvaluation()).toEqual(await direct(NOW));
    const day = NOW - (NOW % DAY);
    const days = await stores.sliData.readRollupSpans(
      'day',
      day - 20 * DAY,
      day,
      [sloKey],
    );
    expect(days.get(sloKey)).toHaveLength(20);

    // A cold cycle reads the old days as daily rollups.
    await new SloEvaluator(options).runCycle(NOW);
    expect(await statusEvaluation()).toEqual(await direct(NOW));

    // Twelve hours later the window starts inside a summed day (split back
    // into hours), another day leaves the burn windows (summed), and a late
    // correction lands in an hour inside a summed day.
    const later = NOW + 12 * HOUR;
    await stores.sliData.writeMinuteBuckets([
      { sloKey, bucketStart: end - 20 * DAY + 5 * MINUTE, good: 0, total: 500 },
      {
        sloKey,
        bucketStart: later - (later % MINUTE) - MINUTE,
        good: 1,
        total: 9,
      },
    ]);
    const fresh = new SloEvaluator(options);
    await fresh.runCycle(NOW);
    await fresh.runCycle(later);
    const incremental = await statusEvaluation();
    expect(incremental).toEqual(await direct(later));
    await new SloEvaluator(options).runCycle(later);
    expect(await statusEvaluation()).toEqual(incremental);
  });

  it('rebuilds its cache when another instance ran a cycle in between', async () => {
    const { stores, evaluator } = await setup();
    const other = new SloEvaluator({
      ...stores,
      logger: mockServices.logger.mock(),
      minuteRetentionMs: RETENTION,
    });
    await evaluator.runCycle(NOW);
    await other.runCycle(NOW + MINUTE);
    expect((await evaluator.runCycle(NOW + 2 * MINUTE)).coldStart).toBe(true);
    expect((await evaluator.runCycle(NOW + 3 * MINUTE)).coldStart).toBe(false);
  });

  it('counts hours written late that are older than every rollup it loaded', async () => {
    // Data of the current hour first: a cycle stores its rollup. Then the
    // two hours before it arrive, and a replica that starts cold loads the
    // current hour's rollup and must still count the older hours.
    const { stores, slo, sloKey } = await registerSlo();
    const end = NOW - (NOW % MINUTE);
    const currentHour = NOW - (NOW % HOUR);
    const minutesFrom = (from: number, to: number, good: number) => {
      const rows: MinuteBucketRow[] = [];
      for (let t = from; t < to; t += MINUTE) {
        rows.push({ sloKey, bucketStart: t, good, total: 100 });
      }
      return rows;
    };
    const current = minutesFrom(currentHour, end, 99);
    await stores.sliData.writeMinuteBuckets(current);
    const first = new SloEvaluator({
      ...stores,
      logger: mockServices.logger.mock(),
      minuteRetentionMs: RETENTION,
    });
    await first.runCycle(NOW);
    const late = minutesFrom(currentHour - 2 * HOUR, currentHour, 90);
    await stores.sliData.writeMinuteBuckets(late);

    const cold = new SloEvaluator({
      ...stores,
      logger: mockServices.logger.mock(),
      minuteRetentionMs: RETENTION,
    });
    const result = await cold.runCycle(NOW);
    expect(result).toMatchObject({ coldStart: true, dirtyHours: 2 });
    const status = (await stores.statuses.readStatuses([sloKey])).get(sloKey)!;
    expect(status.evaluation).toEqual(
      evaluateSlo(
        slo,
        {
          minutes: [...late, ...current].map(r => ({
            start: r.bucketStart,
            good: r.good,
            total: r.total,
          })),
        },
        NOW,
      ),
    );
  });
});
