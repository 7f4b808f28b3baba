import { Knex } from 'knex';
import fs from 'node:fs';
import { createStoreTestDatabases } from '../__testUtils__/databases';
import { migrationsDirectory, migrationsTableName } from './migrations';

jest.setTimeout(60_000);

const databases = createStoreTestDatabases();
const migrationFiles = fs
  .readdirSync(migrationsDirectory)
  .filter(file => file.endsWith('.js'))
  .sort();

const config = {
  directory: migrationsDirectory,
  tableName: migrationsTableName,
};

async function tables(knex: Knex): Promise<string[]> {
  const names = [
    'slo_definitions',
    'slo_minute_buckets',
    'slo_hour_rollups',
    'slo_status',
    'slo_events',
    'slo_sync_errors',
    'slo_dirty_hours',
    'slo_job_state',
    'slo_day_rollups',
    'slo_gate_evaluations',
    'slo_notification_states',
  ];
  const present: string[] = [];
  for (const name of names) {
    if (await knex.schema.hasTable(name)) present.push(name);
  }
  return present;
}

describe.each(databases.eachSupportedId())('migrations on %s', databaseId => {
  it('has migrations to step through', () => {
    expect(migrationFiles.length).toBeGreaterThanOrEqual(2);
  });

  it('steps every migration up and back down', async () => {
    const knex = await databases.init(databaseId);
    const afterEachStep: string[][] = [];
    for (const file of migrationFiles) {
      await knex.migrate.up({ ...config, name: file });
      afterEachStep.push(await tables(knex));
    }
    expect(afterEachStep[0]).toEqual([
      'slo_definitions',
      'slo_minute_buckets',
      'slo_hour_rollups',
      'slo_status',
      'slo_events',
      'slo_sync_errors',
    ]);
    expect(afterEachStep[afterEachStep.length - 1]).toHaveLength(11);

    for (let i = migrationFiles.length - 1; i >= 0; i--) {
      await knex.migrate.down({ ...config, name: migrationFiles[i] });
      expect(await tables(knex)).toEqual(i === 0 ? [] : afterEachStep[i - 1]);
    }

    await knex.migrate.latest(config);
    expect(await tables(knex)).toHaveLength(11);
  });

  it('keeps data written before the change-tracking migration', async () => {
    const knex = await databases.init(databaseId);
    await knex.migrate.up({ ...config, name: migrationFiles[0] });
    await knex('slo_definitions').insert({
      id: 'component:default/a#x',
      entity_ref: 'component:default/a',
      name: 'x',
      definition: '{}',
      origin: 'catalog',
      created_at: 1,
      updated_at: 1,
    });
    await knex.migrate.latest(config);
    expect(await knex('slo_definitions').count({ n: '*' })).toEqual([
      { n: expect.anything() },
    ]);
    const [{ n }] = await knex('slo_definitions').count({ n: '*' });
    expect(Number(n)).toBe(1);
  });
});
