import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

/** Folder holding the knex migrations shipped with this package. */
export const migrationsDirectory = resolvePackagePath(
  '@slo-kit/plugin-slo-backend',
  'migrations',
);

/** Name of the knex bookkeeping table, separate from other plugins sharing a database. */
export const migrationsTableName = 'slo_knex_migrations';

/**
 * Brings the schema up to date unless the operator asked Backstage to skip
 * migrations (`backend.database.migrations.skip` / per-plugin equivalents).
 */
export async function applyDatabaseMigrations(
  database: DatabaseService,
  client: Knex,
): Promise<void> {
  if (database.migrations?.skip) {
    return;
  }
  await client.migrate.latest({
    directory: migrationsDirectory,
    tableName: migrationsTableName,
  });
}
