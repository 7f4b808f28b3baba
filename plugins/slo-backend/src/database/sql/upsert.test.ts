import { Knex } from 'knex';
import { createStoreTestDatabases } from '../../__testUtils__/databases';
import { rowsPerStatement } from './batchSizes';
import {
  POSTGRES_ROWS_PER_STATEMENT,
  UpsertStatement,
  numericArrayLiteral,
  replaceWithExcluded,
  upsertRows,
  valuePlaceholders,
} from './upsert';

jest.setTimeout(60_000);

const databases = createStoreTestDatabases();

interface Row {
  id: number;
  at: number;
  ratio: number | null;
  note?: string | null;
}

/** Numeric columns only: arrays on PostgreSQL, `values` lists on SQLite. */
const NUMERIC: UpsertStatement<Row> = {
  table: 'upsert_test',
  columns: ['id', 'at', 'ratio'],
  postgresTypes: ['integer', 'bigint', 'double precision'],
  conflictColumns: ['id'],
  onConflictSet: replaceWithExcluded(['at', 'ratio']),
  values: r => [r.id, r.at, r.ratio],
};

/** With a text column: arrays on PostgreSQL, the text ones quoted by the driver. */
const WITH_TEXT: UpsertStatement<Row> = {
  table: 'upsert_test',
  columns: ['id', 'at', 'ratio', 'note'],
  postgresTypes: ['integer', 'bigint', 'double precision', 'text'],
  conflictColumns: ['id'],
  onConflictSet: replaceWithExcluded(['at', 'ratio', 'note']),
  values: r => [r.id, r.at, r.ratio, r.note ?? null],
};

/** The same, bound as `values` lists on PostgreSQL too. */
const TEXT_AS_VALUES: UpsertStatement<Row> = {
  ...WITH_TEXT,
  postgresBinding: 'values',
};

describe('upsert statements', () => {
  it('builds placeholders and the replace clause from column lists', () => {
    expect(valuePlaceholders(2, 3)).toBe('(?, ?, ?), (?, ?, ?)');
    expect(replaceWithExcluded(['good', 'total'])).toBe(
      'good = excluded.good, total = excluded.total',
    );
  });

  it('writes numeric columns for PostgreSQL as array literals, refusing what is not a finite number', () => {
    expect(numericArrayLiteral(NUMERIC, 2, [1, -2.5, null, 1e-300])).toBe(
      '{1,-2.5,NULL,1e-300}',
    );
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, '1,2']) {
      expect(() => numericArrayLiteral(NUMERIC, 2, [1, bad])).toThrow(
        `upsert into upsert_test: ratio must be a finite number or null, got ${String(
          bad,
        )}`,
      );
    }
  });

  it('refuses a statement whose PostgreSQL types do not match its columns', async () => {
    const knex = await databases.init('SQLITE_3');
    await expect(
      upsertRows(knex, { ...NUMERIC, postgresTypes: ['integer'] }, []),
    ).rejects.toThrow(
      'upsert into upsert_test: postgresTypes has 1 types for 3 columns',
    );
  });
});

describe.each(databases.eachSupportedId())('upsertRows on %s', databaseId => {
  async function table() {
    const knex = await databases.init(databaseId);
    await knex.schema.createTable('upsert_test', t => {
      t.integer('id').primary();
      t.bigInteger('at').notNullable();
      t.double('ratio').nullable();
      t.text('note').nullable();
    });
    return knex;
  }

  async function stored(knex: Knex) {
    const rows = await knex('upsert_test').orderBy('id').select();
    return rows.map(r => ({
      id: Number(r.id),
      at: Number(r.at),
      ratio: r.ratio === null ? null : Number(r.ratio),
      note: r.note,
    }));
  }

  it.each([
    ['numeric columns', NUMERIC],
    ['a text column', WITH_TEXT],
    ['a text column, as values lists', TEXT_AS_VALUES],
  ])(
    'writes more rows than one statement holds, every value as given (%s)',
    async (_, statement) => {
      const knex = await table();
      const count =
        Math.max(
          rowsPerStatement(statement.columns.length),
          POSTGRES_ROWS_PER_STATEMENT,
        ) + 7;
      const rows: Row[] = Array.from({ length: count }, (__, i) => ({
        id: i,
        at: 1_767_225_600_000 + i * 60_000,
        ratio: i % 3 === 0 ? null : i / 7,
        note: statement !== NUMERIC && i % 2 === 1 ? `n${i}` : null,
      }));
      await upsertRows(knex, statement, rows);
      expect(await stored(knex)).toEqual(rows);
    },
  );

  it.each([
    ['arrays', WITH_TEXT],
    ['values lists', TEXT_AS_VALUES],
  ])(
    'replaces stored rows on conflict, numbers and text exactly (%s)',
    async (_, withText) => {
      const knex = await table();
      await upsertRows(knex, withText, [
        { id: 1, at: 1, ratio: 0.5, note: 'old' },
        { id: 2, at: 2, ratio: 0.25, note: 'kept' },
      ]);
      const awkward = '{"a":[1,2],"b":"x\\"y, z\\\\"} NULL \'q\' é';
      await upsertRows(knex, withText, [
        { id: 1, at: 10, ratio: 0.1 + 0.2, note: awkward },
        { id: 3, at: 3, ratio: -1e-300, note: '' },
      ]);
      await upsertRows(knex, NUMERIC, [
        { id: 2, at: 20, ratio: 2 / 3 },
        { id: 4, at: 4, ratio: null },
      ]);
      expect(await stored(knex)).toEqual([
        { id: 1, at: 10, ratio: 0.1 + 0.2, note: awkward },
        { id: 2, at: 20, ratio: 2 / 3, note: 'kept' },
        { id: 3, at: 3, ratio: -1e-300, note: '' },
        { id: 4, at: 4, ratio: null, note: null },
      ]);
    },
  );
});
