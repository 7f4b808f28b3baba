import { Knex } from 'knex';
import { chunk, rowsPerStatement } from './batchSizes';

/** A value bound to a statement parameter. */
export type BindValue = number | string | null;

/**
 * A multi-row `insert ... on conflict (...) do update set ...` into one
 * table, described by one column list that fixes the insert's columns, the
 * order of the bound values and the batch size.
 */
export interface UpsertStatement<Row> {
  table: string;
  /** Columns written, in the order {@link UpsertStatement.values} returns them. */
  columns: readonly string[];
  /** The unique key a new row conflicts with a stored one on. */
  conflictColumns: readonly string[];
  /** The `set` clause applied to a stored row on conflict. */
  onConflictSet: string;
  /** The bound values of one row, in `columns` order. */
  values(row: Row): BindValue[];
}

/** `(?, ?, ...), (?, ?, ...)`: `rows` groups of `columns` placeholders. */
export function valuePlaceholders(rows: number, columns: number): string {
  const row = `(${new Array(columns).fill('?').join(', ')})`;
  return new Array(rows).fill(row).join(', ');
}

/** `a = excluded.a, b = excluded.b`: on conflict, take the new row's values. */
export function replaceWithExcluded(columns: readonly string[]): string {
  return columns.map(c => `${c} = excluded.${c}`).join(', ');
}

/**
 * Writes `rows` with `statement`, as many rows per statement as the
 * bind-parameter limit allows, in the given order. Run it inside a
 * transaction when the rows must be written all or nothing.
 */
export async function upsertRows<Row>(
  db: Knex,
  statement: UpsertStatement<Row>,
  rows: readonly Row[],
): Promise<void> {
  const columnCount = statement.columns.length;
  const head = `insert into ${statement.table} (${statement.columns.join(
    ', ',
  )}) values `;
  const tail = ` on conflict (${statement.conflictColumns.join(
    ', ',
  )}) do update set ${statement.onConflictSet}`;
  for (const part of chunk(rows, rowsPerStatement(columnCount))) {
    const bindings: BindValue[] = new Array(part.length * columnCount);
    let next = 0;
    for (const row of part) {
      for (const value of statement.values(row)) {
        bindings[next++] = value;
      }
    }
    await db.raw(
      `${head}${valuePlaceholders(part.length, columnCount)}${tail}`,
      bindings,
    );
  }
}
