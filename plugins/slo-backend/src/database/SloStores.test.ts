import { mockServices } from '@backstage/backend-test-utils';
import knexFactory from 'knex';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStoreTestDatabases } from '../__testUtils__/databases';
import { sloDefinition as occurrencesSlo } from '@slo-kit/plugin-slo-common/testUtils';
import { createSloStores } from './SloStores';

jest.setTimeout(60_000);

const databases = createStoreTestDatabases();

describe.each(databases.eachSupportedId())(
  'createSloStores on %s',
  databaseId => {
    it('migrates once per database service and builds the stores on one client', async () => {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({
        knex,
        migrations: { skip: false },
      });
      const getClient = jest.spyOn(database, 'getClient');

      const [first, second] = await Promise.all([
        createSloStores({ database }),
        createSloStores({ database }),
      ]);
      expect(second).toBe(first);
      expect(await createSloStores({ database })).toBe(first);
      expect(getClient).toHaveBeenCalledTimes(1);
      expect(Object.keys(first).sort()).toEqual([
        'definitions',
        'events',
        'gateEvaluations',
        'gateOverrides',
        'jobs',
        'notificationStates',
        'sliData',
        'sourceStates',
        'statuses',
      ]);

      // The stores share the database: what one writes, another reads.
      const { definitions } = await first.definitions.upsertDefinitions(
        'component:default/payments',
        [occurrencesSlo('availability')],
        { origin: 'catalog', replaceAll: true, now: 0 },
      );
      const page = await first.statuses.listPortfolio({ limit: 10 });
      expect(page.rows.map(r => r.definition.sloKey)).toEqual([
        definitions[0].sloKey,
      ]);
    });

    it('leaves the schema alone when migrations are skipped', async () => {
      const knex = await databases.init(databaseId);
      await createSloStores({
        database: mockServices.database({ knex, migrations: { skip: true } }),
      });
      expect(await knex.schema.hasTable('slo_definitions')).toBe(false);
    });

    it('tries again after a failed attempt', async () => {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({
        knex,
        migrations: { skip: false },
      });
      jest
        .spyOn(database, 'getClient')
        .mockRejectedValueOnce(new Error('database not reachable'));
      await expect(createSloStores({ database })).rejects.toThrow(
        'database not reachable',
      );
      const stores = await createSloStores({ database });
      expect(await stores.jobs.getJobState('anything')).toBeUndefined();
    });
  },
);

describe('createSloStores on a SQLite file', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'slo-stores-'));
  });
  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it('turns on write-ahead logging and a busy timeout, so reads do not wait on writes', async () => {
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: join(directory, 'slo.sqlite') },
      useNullAsDefault: true,
    });
    try {
      const stores = await createSloStores({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      expect(await stores.jobs.getJobState('anything')).toBeUndefined();
      const [journal] = await knex.raw('pragma journal_mode');
      expect(journal).toEqual({ journal_mode: 'wal' });
      const [timeout] = await knex.raw('pragma busy_timeout');
      expect(timeout).toEqual({ timeout: 10_000 });

      // A reader on another connection sees committed data while a write
      // transaction is open, instead of failing with SQLITE_BUSY.
      const reader = knexFactory({
        client: 'better-sqlite3',
        connection: { filename: join(directory, 'slo.sqlite') },
        useNullAsDefault: true,
      });
      try {
        await stores.jobs.setJobState('a', '1');
        await knex.transaction(async tx => {
          await tx('slo_job_state').update({ value: '2' });
          const rows = await reader('slo_job_state').select('value');
          expect(rows).toEqual([{ value: '1' }]);
        });
      } finally {
        await reader.destroy();
      }
    } finally {
      await knex.destroy();
    }
  });
});
