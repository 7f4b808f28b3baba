import { Knex } from 'knex';

/** How long a SQLite statement waits for another connection's lock before failing with SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/**
 * Tunes a SQLite database for a job writing while pages read: write-ahead
 * logging, so readers see the last commit instead of waiting for (or failing
 * on) an open ingestion transaction, and a busy timeout, so a writer waits
 * for another writer instead of failing at once. WAL is kept in the file, so
 * it is set for file databases only (an in-memory database has no log); the
 * busy timeout holds for the connection. Does nothing on other databases.
 */
export async function applySqlitePragmas(client: Knex): Promise<void> {
  const driver = client.client.config?.client;
  if (driver !== 'better-sqlite3' && driver !== 'sqlite3') {
    return;
  }
  await client.raw(`pragma busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  const [file] = await client.raw('pragma database_list');
  if (file?.file) {
    await client.raw('pragma journal_mode = WAL');
  }
}
