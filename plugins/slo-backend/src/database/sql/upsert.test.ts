import { Knex } from 'knex';
import { rowsPerStatement } from './batchSizes';
import { replaceWithExcluded, upsertRows, valuePlaceholders } from './upsert';

describe('upsert statements', () => {
  it('builds placeholders and the replace clause from column lists', () => {
    expect(valuePlaceholders(2, 3)).toBe('(?, ?, ?), (?, ?, ?)');
    expect(replaceWithExcluded(['good', 'total'])).toBe(
      'good = excluded.good, total = excluded.total',
    );
  });

  it('writes rows in statements the parameter limit allows, values in column order', async () => {
    const calls: Array<{ sql: string; bindings: unknown[] }> = [];
    const db = {
      raw: async (sql: string, bindings: unknown[]) => {
        calls.push({ sql, bindings });
      },
    } as unknown as Knex;
    const perStatement = rowsPerStatement(2);
    const rows = Array.from({ length: perStatement + 1 }, (_, i) => ({
      id: i,
      name: `n${i}`,
    }));
    await upsertRows(
      db,
      {
        table: 't',
        columns: ['id', 'name'],
        conflictColumns: ['id'],
        onConflictSet: replaceWithExcluded(['name']),
        values: r => [r.id, r.name],
      },
      rows,
    );
    expect(calls).toHaveLength(2);
    expect(calls[0].bindings).toHaveLength(2 * perStatement);
    expect(calls[0].bindings.slice(0, 4)).toEqual([0, 'n0', 1, 'n1']);
    expect(calls[1]).toEqual({
      sql: 'insert into t (id, name) values (?, ?) on conflict (id) do update set name = excluded.name',
      bindings: [perStatement, `n${perStatement}`],
    });
  });
});
