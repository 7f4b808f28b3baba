import { createStoreTestDatabases } from '../../__testUtils__/databases';
import { selectNumberRows } from './numberRows';

jest.setTimeout(60_000);

const databases = createStoreTestDatabases();

describe.each(databases.eachSupportedId())(
  'selectNumberRows on %s',
  databaseId => {
    async function tableWithRows() {
      const knex = await databases.init(databaseId);
      await knex.schema.createTable('number_rows_test', t => {
        t.integer('slo_key').notNullable();
        t.bigInteger('start').notNullable();
        t.double('ratio');
      });
      await knex('number_rows_test').insert([
        { slo_key: 2, start: 1_767_225_600_000, ratio: 0.25 },
        { slo_key: 1, start: 1_767_225_660_000, ratio: 1 },
        { slo_key: 3, start: 1_767_225_720_000, ratio: 0.5 },
      ]);
      return knex;
    }

    it('answers each row as numbers in the order of the selected columns', async () => {
      const knex = await tableWithRows();
      const columns = ['start', 'slo_key', 'ratio'];
      const query = knex('number_rows_test')
        .where('slo_key', '<', 3)
        .select(columns)
        .orderBy('slo_key');
      expect(await selectNumberRows(knex, query, columns)).toEqual([
        [1_767_225_660_000, 1, 1],
        [1_767_225_600_000, 2, 0.25],
      ]);
    });

    it('reads inside a transaction on its connection', async () => {
      const knex = await tableWithRows();
      const columns = ['slo_key'];
      const rows = await knex.transaction(async tx => {
        await tx('number_rows_test').insert({ slo_key: 4, start: 0 });
        return selectNumberRows(
          tx,
          tx('number_rows_test').select(columns).orderBy('slo_key'),
          columns,
        );
      });
      expect(rows).toEqual([[1], [2], [3], [4]]);
    });
  },
);
