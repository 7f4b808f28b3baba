import {
  TestDatabaseId,
  TestDatabases,
  mockServices,
} from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { SloStores, createSloStores } from '../database/SloStores';

/** A fresh, migrated test database and every store on it. */
export async function createTestStores(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
): Promise<SloStores & { knex: Knex }> {
  const knex = await databases.init(databaseId);
  const stores = await createSloStores({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
  return { knex, ...stores };
}
