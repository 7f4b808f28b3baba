import { createStoreTestDatabases } from '../../__testUtils__/databases';
import { sloDefinition as occurrencesSlo } from '@slo-kit/plugin-slo-common/testUtils';
import { createTestStores } from '../../__testUtils__/stores';
import { SliWriter } from './SliWriter';

jest.setTimeout(60_000);

const databases = createStoreTestDatabases();
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 10, 12, 0);
const ENTITY = 'component:default/payments';
const AVAILABILITY = `${ENTITY}#availability`;
const LATENCY = `${ENTITY}#latency`;

describe.each(databases.eachSupportedId())('SliWriter on %s', databaseId => {
  async function setup() {
    const stores = await createTestStores(databases, databaseId);
    const { definitions } = await stores.definitions.upsertDefinitions(
      ENTITY,
      [occurrencesSlo('availability'), occurrencesSlo('latency')],
      { origin: 'registration', replaceAll: true, now: T0 },
    );
    const [availability, latency] = definitions.map(d => d.sloKey);
    return {
      stores,
      writer: new SliWriter(stores),
      keys: { availability, latency },
    };
  }

  it('writes the points of several SLOs, the last point of a repeated minute winning', async () => {
    const { stores, writer, keys } = await setup();
    const result = await writer.write(
      [
        { slo: AVAILABILITY, bucketStart: T0, good: 1, total: 2 },
        { slo: LATENCY, bucketStart: T0, good: 5, total: 5 },
        { slo: AVAILABILITY, bucketStart: T0, good: 2, total: 2 },
        { slo: AVAILABILITY, bucketStart: T0 + MINUTE, good: 0, total: 3 },
      ],
      'all-or-nothing',
    );
    expect(result).toEqual({ written: 3, issues: [] });
    expect(await stores.sliData.readMinuteBuckets(0, T0 + 2 * MINUTE)).toEqual([
      { sloKey: keys.availability, bucketStart: T0, good: 2, total: 2 },
      {
        sloKey: keys.availability,
        bucketStart: T0 + MINUTE,
        good: 0,
        total: 3,
      },
      { sloKey: keys.latency, bucketStart: T0, good: 5, total: 5 },
    ]);
    // Written like every write: the hours are marked for the evaluation job.
    expect(
      (await stores.sliData.readDirtyHours()).map(d => d.sloKey).sort(),
    ).toEqual([keys.availability, keys.latency].sort());
  });

  it('sets minutes on replay instead of adding to them', async () => {
    const { stores, writer, keys } = await setup();
    const points = [{ slo: LATENCY, bucketStart: T0, good: 3, total: 4 }];
    await writer.write(points, 'all-or-nothing');
    await writer.write(points, 'drop-invalid');
    expect(
      await stores.sliData.readMinuteBuckets(0, T0 + MINUTE, [keys.latency]),
    ).toEqual([{ sloKey: keys.latency, bucketStart: T0, good: 3, total: 4 }]);
  });

  it('writes nothing from a batch with an invalid point when all or nothing is asked', async () => {
    const { stores, writer } = await setup();
    const result = await writer.write(
      [
        { slo: AVAILABILITY, bucketStart: T0, good: 1, total: 1 },
        { slo: `${ENTITY}#unknown`, bucketStart: T0, good: 1, total: 1 },
        { slo: LATENCY, bucketStart: T0 + 1, good: 3, total: 2 },
      ],
      'all-or-nothing',
    );
    expect(result).toEqual({
      written: 0,
      issues: [
        {
          index: 1,
          field: 'slo',
          reason: `unknown SLO "${ENTITY}#unknown": register it or add it to the entity's OpenSLO file (id format: <entity ref>#<slo name>)`,
        },
        {
          index: 2,
          field: 'good',
          reason: 'good (3) must not exceed total (2)',
        },
        {
          index: 2,
          field: 'bucketStart',
          reason: `must be epoch milliseconds on a minute boundary, got ${
            T0 + 1
          }`,
        },
      ],
    });
    expect(await stores.sliData.readMinuteBuckets(0, T0 + MINUTE)).toEqual([]);
    expect(await stores.sliData.readDirtyHours()).toEqual([]);
  });

  it('writes the valid points and reports the others when asked to drop invalid ones', async () => {
    const { stores, writer, keys } = await setup();
    const result = await writer.write(
      [
        { slo: AVAILABILITY, bucketStart: T0, good: -1, total: 1 },
        { slo: LATENCY, bucketStart: T0, good: 1, total: 1 },
        { slo: `${ENTITY}#unknown`, bucketStart: T0, good: 1, total: 1 },
        { slo: AVAILABILITY, bucketStart: T0 + MINUTE, good: 1.5, total: 2 },
      ],
      'drop-invalid',
    );
    expect(result.written).toBe(1);
    expect(result.issues.map(i => [i.index, i.field])).toEqual([
      [0, 'good'],
      [2, 'slo'],
      [3, 'good'],
    ]);
    expect(await stores.sliData.readMinuteBuckets(0, T0 + 2 * MINUTE)).toEqual([
      { sloKey: keys.latency, bucketStart: T0, good: 1, total: 1 },
    ]);
  });

  it('does not write to deleted SLOs', async () => {
    const { stores, writer } = await setup();
    await stores.definitions.upsertDefinitions(
      ENTITY,
      [occurrencesSlo('availability')],
      { origin: 'registration', replaceAll: true, now: T0 + MINUTE },
    );
    const result = await writer.write(
      [{ slo: LATENCY, bucketStart: T0, good: 1, total: 1 }],
      'drop-invalid',
    );
    expect(result).toMatchObject({ written: 0, issues: [{ field: 'slo' }] });
    expect(await stores.sliData.readMinuteBuckets(0, T0 + MINUTE)).toEqual([]);
  });

  it('drops counts above the per-minute bound, for pulled points too', async () => {
    const { stores, writer, keys } = await setup();
    const result = await writer.write(
      [
        { slo: AVAILABILITY, bucketStart: T0, good: 0, total: 1e308 },
        { slo: LATENCY, bucketStart: T0, good: 2 ** 33, total: 2 ** 33 },
        { slo: LATENCY, bucketStart: T0 + MINUTE, good: 1, total: 2 ** 34 },
      ],
      'drop-invalid',
    );
    expect(result).toEqual({
      written: 1,
      issues: [
        {
          index: 0,
          field: 'total',
          reason:
            'total must be at most 8589934592 (2^33) events per minute, got 1e+308',
        },
        {
          index: 2,
          field: 'total',
          reason:
            'total must be at most 8589934592 (2^33) events per minute, got 17179869184',
        },
      ],
    });
    expect(await stores.sliData.readMinuteBuckets(0, T0 + 2 * MINUTE)).toEqual([
      { sloKey: keys.latency, bucketStart: T0, good: 2 ** 33, total: 2 ** 33 },
    ]);
  });

  it('drops points outside the hours minute retention keeps whole when given a retention', async () => {
    const { stores, keys } = await setup();
    const writer = new SliWriter({ ...stores, minuteRetentionMs: 4 * DAY });
    // At T0 + 30 min retention cuts at 4 days before T0 (an hour boundary),
    // so the oldest writable minute is an hour later.
    const now = T0 + 30 * MINUTE;
    const oldest = T0 - 4 * DAY + HOUR;
    const result = await writer.write(
      [
        { slo: AVAILABILITY, bucketStart: oldest - MINUTE, good: 1, total: 1 },
        { slo: AVAILABILITY, bucketStart: oldest, good: 1, total: 1 },
        {
          slo: AVAILABILITY,
          bucketStart: now + 10 * MINUTE,
          good: 1,
          total: 1,
        },
      ],
      'drop-invalid',
      now,
    );
    expect(result).toEqual({
      written: 1,
      issues: [
        {
          index: 0,
          field: 'bucketStart',
          reason: `is older than minute retention keeps whole hours (oldest accepted: ${new Date(
            oldest,
          ).toISOString()}), got ${new Date(oldest - MINUTE).toISOString()}`,
        },
        {
          index: 2,
          field: 'bucketStart',
          reason: `must not be more than 5 minutes in the future, got ${new Date(
            now + 10 * MINUTE,
          ).toISOString()}`,
        },
      ],
    });
    expect(await stores.sliData.readMinuteBuckets(0, now + HOUR)).toEqual([
      { sloKey: keys.availability, bucketStart: oldest, good: 1, total: 1 },
    ]);
  });
  it('checks a large batch in slices, pausing between them, with the same result', async () => {
    const { stores, writer, keys } = await setup();
    // 1,200 points: two minutes of each SLO repeated 300 times, the last
    // repeat carrying the counts that must win, and one bad point in the
    // third slice.
    const points = Array.from({ length: 1_200 }, (_, i) => ({
      slo: i % 2 === 0 ? AVAILABILITY : LATENCY,
      bucketStart: T0 + (i % 4 < 2 ? 0 : MINUTE),
      good: i >= 1_196 ? 7 : 1,
      total: i >= 1_196 ? 9 : 2,
    }));
    let pauses = 0;
    const pause = async () => {
      pauses += 1;
    };
    const bad = [...points];
    bad[1_100] = { ...bad[1_100], good: 3, total: 2 };
    const refused = await writer.write(bad, 'all-or-nothing', T0, pause);
    expect(refused.written).toBe(0);
    expect(refused.issues.map(issue => [issue.index, issue.field])).toEqual([
      [1_100, 'good'],
    ]);
    expect(await stores.sliData.readMinuteBuckets(0, T0 + HOUR)).toEqual([]);

    pauses = 0;
    const result = await writer.write(points, 'all-or-nothing', T0, pause);
    expect(result).toEqual({ written: 4, issues: [] });
    // Two loops over 1,200 points in slices of 500, and one before sorting.
    expect(pauses).toBe(5);
    expect(await stores.sliData.readMinuteBuckets(0, T0 + HOUR)).toEqual(
      [keys.availability, keys.latency]
        .sort((a, b) => a - b)
        .flatMap(sloKey => [
          { sloKey, bucketStart: T0, good: 7, total: 9 },
          { sloKey, bucketStart: T0 + MINUTE, good: 7, total: 9 },
        ]),
    );
  });
});
