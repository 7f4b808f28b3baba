import { createStoreTestDatabases } from '../__testUtils__/databases';
import { createTestStores } from '../__testUtils__/stores';

jest.setTimeout(60_000);

const databases = createStoreTestDatabases();
const T = Date.UTC(2026, 0, 10, 12, 0);
const MINUTE = 60_000;

describe.each(databases.eachSupportedId())(
  'KnexSliSourceStateStore on %s',
  databaseId => {
    it('records pulls and failures per SLO and source, keeping the first failure of a run', async () => {
      const { sourceStates: store } = await createTestStores(
        databases,
        databaseId,
      );
      expect(await store.listSourceStates([1, 2])).toEqual([]);

      await store.recordPulled(
        {
          sloKey: 1,
          sourceType: 'prometheus',
          pulledThrough: T,
          backfillFrom: T - 60 * MINUTE,
          fingerprint: 'abc',
        },
        T,
      );
      await store.recordFailure(
        { sloKey: 1, sourceType: 'prometheus', error: 'connection refused' },
        T + MINUTE,
      );
      await store.recordFailure(
        { sloKey: 1, sourceType: 'prometheus', error: 'timed out' },
        T + 2 * MINUTE,
      );
      // A failure before any success has no pulledThrough.
      await store.recordFailure(
        { sloKey: 2, sourceType: 'prometheus', error: 'x'.repeat(5000) },
        T,
      );

      const [one, two] = await store.listSourceStates([1, 2]);
      expect(one).toEqual({
        sloKey: 1,
        sourceType: 'prometheus',
        pulledThrough: T,
        backfillFrom: T - 60 * MINUTE,
        failingSince: T + MINUTE,
        lastError: 'timed out',
        fingerprint: 'abc',
        updatedAt: T + 2 * MINUTE,
      });
      expect(two).toMatchObject({ pulledThrough: null, failingSince: T });
      expect(two.lastError).toHaveLength(1000);

      // A success clears the failure and keeps where the backfill began.
      await store.recordPulled(
        {
          sloKey: 1,
          sourceType: 'prometheus',
          pulledThrough: T + 3 * MINUTE,
          fingerprint: 'def',
        },
        T + 3 * MINUTE,
      );
      expect((await store.listSourceStates([1]))[0]).toMatchObject({
        pulledThrough: T + 3 * MINUTE,
        backfillFrom: T - 60 * MINUTE,
        failingSince: null,
        lastError: null,
        fingerprint: 'def',
      });
    });
  },
);
