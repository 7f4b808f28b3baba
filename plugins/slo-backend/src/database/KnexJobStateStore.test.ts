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
  },
);
