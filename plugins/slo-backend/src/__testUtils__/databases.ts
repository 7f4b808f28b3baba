import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

/** The databases every store test runs on. */
export const STORE_TEST_DATABASE_IDS: TestDatabaseId[] = [
  'SQLITE_3',
  'POSTGRES_15',
];

/**
 * Creates the test databases for store tests. In CI a missing PostgreSQL is an
 * error rather than a silently skipped half of the suite: set
 * `BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING` or allow Docker.
 */
export function createStoreTestDatabases(): TestDatabases {
  const databases = TestDatabases.create({ ids: STORE_TEST_DATABASE_IDS });
  assertStoreDatabasesAvailable(
    databases.eachSupportedId().map(([id]) => id),
    Boolean(process.env.CI),
  );
  return databases;
}

/** Throws when running in CI and one of the store test databases is missing. */
export function assertStoreDatabasesAvailable(
  supported: TestDatabaseId[],
  inCi: boolean,
): void {
  if (!inCi) return;
  const missing = STORE_TEST_DATABASE_IDS.filter(id => !supported.includes(id));
  if (missing.length > 0) {
    throw new Error(
      `Store tests must run on ${STORE_TEST_DATABASE_IDS.join(
        ' and ',
      )} in CI, but ${missing.join(
        ', ',
      )} is not available; set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING or enable Docker`,
    );
  }
}
