import { createStoreTestDatabases } from '../../__testUtils__/databases';
import { sloDefinition as occurrencesSlo } from '@slo-kit/plugin-slo-common/testUtils';
import { createTestStores } from '../../__testUtils__/stores';
import { SliBatchValidationError } from './SliBatchError';
import { SliIngestion } from './SliIngestion';
import { SliWriter } from './SliWriter';

jest.setTimeout(60_000);

const databases = createStoreTestDatabases();
const MINUTE = 60_000;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 0, 10, 12, 30, 20);
const ENTITY = 'component:default/payments';
const SLO = `${ENTITY}#availability`;

describe.each(databases.eachSupportedId())('SliIngestion on %s', databaseId => {
  async function setup() {
    const stores = await createTestStores(databases, databaseId);
    await stores.definitions.upsertDefinitions(
      ENTITY,
      [occurrencesSlo('availability')],
      { origin: 'registration', replaceAll: true, now: NOW - 10 * DAY },
    );
    const ingestion = new SliIngestion({
      writer: new SliWriter(stores),
      maxPoints: 100,
      minuteRetentionMs: 4 * DAY,
    });
    return { stores, ingestion };
  }

  const point = (timestamp: string) => ({
    points: [{ slo: SLO, timestamp, good: 1, total: 1 }],
  });

  it('accepts only points in hours that minute retention keeps whole', async () => {
    const { stores, ingestion } = await setup();
    // Retention at NOW deletes minutes before 2026-01-06T12:00 (whole hours);
    // that hour may lose its minutes at any retention run from 13:00 on, so
    // the first hour ingestion accepts is 2026-01-06T13:00.
    const inCutHour = '2026-01-06T12:40:00Z';
    expect(Date.parse(inCutHour)).toBeGreaterThan(NOW - 4 * DAY);
    const error = await ingestion
      .ingest(point(inCutHour), NOW)
      .catch(e => e as SliBatchValidationError);
    expect(error).toBeInstanceOf(SliBatchValidationError);
    expect((error as SliBatchValidationError).issues).toEqual([
      {
        index: 0,
        field: 'timestamp',
        reason:
          'is older than minute retention keeps whole hours (oldest accepted: 2026-01-06T13:00:00.000Z), got 2026-01-06T12:40:00Z',
      },
    ]);
    expect(await stores.sliData.readMinuteBuckets(0, NOW)).toEqual([]);

    await expect(
      ingestion.ingest(point('2026-01-06T13:00:00Z'), NOW),
    ).resolves.toEqual({ accepted: 1 });
    expect(
      (await stores.sliData.readMinuteBuckets(0, NOW)).map(b => b.bucketStart),
    ).toEqual([Date.UTC(2026, 0, 6, 13)]);
  });

  it('writes nothing for an impossible date, which would otherwise roll over', async () => {
    const { stores, ingestion } = await setup();
    const error = await ingestion
      .ingest(point('2026-01-09T24:00:00Z'), NOW)
      .catch(e => e as SliBatchValidationError);
    expect(error).toBeInstanceOf(SliBatchValidationError);
    expect((error as SliBatchValidationError).message).toContain(
      'points[0].timestamp: names a date-time that does not exist',
    );
    expect(await stores.sliData.readMinuteBuckets(0, NOW + MINUTE)).toEqual([]);
  });
});
