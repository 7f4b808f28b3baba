import { DatabaseService } from '@backstage/backend-plugin-api';
import type { SloStores } from '@slo-kit/plugin-slo-node';
import { KnexGateEvaluationStore } from './KnexGateEvaluationStore';
import { KnexGateOverrideStore } from './KnexGateOverrideStore';
import { KnexJobStateStore } from './KnexJobStateStore';
import { KnexSliDataStore } from './KnexSliDataStore';
import { KnexSliSourceStateStore } from './KnexSliSourceStateStore';
import { KnexSloDefinitionStore } from './KnexSloDefinitionStore';
import { KnexSloEventStore } from './KnexSloEventStore';
import { KnexSloNotificationStateStore } from './KnexSloNotificationStateStore';
import { KnexSloStatusStore } from './KnexSloStatusStore';
import { applyDatabaseMigrations } from './migrations';
import { applySqlitePragmas } from './sqlitePragmas';

export type { SloStores } from '@slo-kit/plugin-slo-node';

/**
 * Stores already built, per database service. The database service is
 * plugin-scoped, so this is per plugin, and it is dropped with the backend.
 */
const storesByDatabase = new WeakMap<DatabaseService, Promise<SloStores>>();

/**
 * Builds every SLO store on one knex client of `database`, after turning on
 * SQLite's write-ahead log and busy timeout (see {@link applySqlitePragmas})
 * and bringing the schema up to date (unless `database.migrations.skip` is set). Memoised per
 * database service, so migrations run once however often it is called; a
 * failed attempt is forgotten so the next call tries again.
 */
export async function createSloStores(options: {
  database: DatabaseService;
}): Promise<SloStores> {
  const { database } = options;
  const cached = storesByDatabase.get(database);
  if (cached) {
    return cached;
  }
  const created = (async (): Promise<SloStores> => {
    const client = await database.getClient();
    await applySqlitePragmas(client);
    await applyDatabaseMigrations(database, client);
    return {
      definitions: new KnexSloDefinitionStore(client),
      sliData: new KnexSliDataStore(client),
      statuses: new KnexSloStatusStore(client),
      jobs: new KnexJobStateStore(client),
      events: new KnexSloEventStore(client),
      gateEvaluations: new KnexGateEvaluationStore(client),
      gateOverrides: new KnexGateOverrideStore(client),
      notificationStates: new KnexSloNotificationStateStore(client),
      sourceStates: new KnexSliSourceStateStore(client),
    };
  })();
  storesByDatabase.set(database, created);
  try {
    return await created;
  } catch (error) {
    storesByDatabase.delete(database);
    throw error;
  }
}
