import { createStoreTestDatabases } from '../__testUtils__/databases';
import { createTestStores } from '../__testUtils__/stores';

jest.setTimeout(60_000);

const databases = createStoreTestDatabases();

describe.each(databases.eachSupportedId())(
  'KnexJobStateStore on %s',
  databaseId => {
    it('stores one value per name, replacing the previous one', async () => {
      const { jobs: store } = await createTestStores(databases, databaseId);
      expect(await store.getJobState('cycle')).toBeUndefined();
      await store.setJobState('cycle', '1');
      await store.setJobState('cycle', '2');
      await store.setJobState('other', 'x');
      expect(await store.getJobState('cycle')).toBe('2');
      expect(await store.getJobState('other')).toBe('x');
    });

    it('replaces a value only while it is the expected one', async () => {
      const { jobs: store } = await createTestStores(databases, databaseId);
      expect(await store.replaceJobState('cycle', '1', '2')).toBe(false);
      expect(await store.getJobState('cycle')).toBeUndefined();
      await store.setJobState('cycle', '1');
      expect(await store.replaceJobState('cycle', '0', '2')).toBe(false);
      expect(await store.getJobState('cycle')).toBe('1');
      expect(await store.replaceJobState('cycle', '1', '2')).toBe(true);
      expect(await store.getJobState('cycle')).toBe('2');
    });
  },
);
