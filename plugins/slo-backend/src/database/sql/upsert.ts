import { Knex } from 'knex';
import { chunk, rowsPerStatement } from './batchSizes';
import { isPostgres } from './dialect';

/** A value bound to a statement parameter. */
export type BindValue = number | string | null;

/** The PostgreSQL types of the columns an upsert writes. */
export type PostgresColumnType =
  | 'integer'
  | 'bigint'
  | 'double precision'
  | 'text';

/**
 * A multi-row `insert ... on conflict (...) do update set ...` into one
 * table, described by one column list that fixes the insert's columns, the
 * order of the bound values and the batch size.
 */
export interface UpsertStatement<Row> {
  table: string;
  /** Columns written, in the order {@link UpsertStatement.values} returns them. */
  columns: readonly string[];
  /** The PostgreSQL type of each column, in `columns` order. */
  postgresTypes: readonly PostgresColumnType[];
  /**
   * How PostgreSQL gets the rows: one typed array per column (`arrays`, the
   * default), or `values` lists as on SQLite, better for long text.
   */
  postgresBinding?: 'arrays' | 'values';
  /** The unique key a new row conflicts with a stored one on. */
  conflictColumns: readonly string[];
  /** The `set` clause applied to a stored row on conflict. */
  onConflictSet: string;
  /** The bound values of one row, in `columns` order. */
  values(row: Row): BindValue[];
}

/**
 * Rows per statement on PostgreSQL, where a statement binds one array per
 * column whatever its row count: large enough that a 10,000-point ingestion
 * batch is one statement, small enough to keep each array's text bounded.
 */
export const POSTGRES_ROWS_PER_STATEMENT = 10_000;

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
 * A PostgreSQL array literal of numbers, e.g. `{1,2.5,NULL}`: numbers need
 * no quoting, so the driver's quoting and escaping of every element is
 * skipped.
 */
export function numericArrayLiteral(
  statement: UpsertStatement<unknown>,
  column: number,
  values: readonly BindValue[],
): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null) {
      parts[i] = 'NULL';
    } else if (typeof value === 'number' && Number.isFinite(value)) {
      parts[i] = String(value);
    } else {
      throw new Error(
        `upsert into ${statement.table}: ${
          statement.columns[column]
        } must be a finite number or null, got ${String(value)}`,
      );
    }
  }
  return `{${parts.join(',')}}`;
}

/**
 * The rows of `part` as one array per column, in `columns` order: numeric
 * columns as array literals, text columns as arrays the driver quotes.
 */
function columnArrays<Row>(
  statement: UpsertStatement<Row>,
  part: readonly Row[],
): Knex.Value[] {
  const arrays: BindValue[][] = statement.columns.map(
    () => new Array(part.length),
  );
  part.forEach((row, index) => {
    const values = statement.values(row);
    for (let column = 0; column < arrays.length; column++) {
      arrays[column][index] = values[column];
    }
  });
  return arrays.map((values, column) =>
    statement.postgresTypes[column] === 'text'
      ? // text and nulls: the driver writes an array literal of them
        (values as unknown as Knex.Value)
      : numericArrayLiteral(
          statement as UpsertStatement<unknown>,
          column,
          values,
        ),
  );
}

/**
 * Writes `rows` with `statement`, in the given order, as many rows per
 * statement as fit. On PostgreSQL a statement binds one array per column,
 * `select * from unnest(...)`, which PostgreSQL parses and plans once
 * whatever the row count: a `values` list of 10,000 minute buckets cost it
 * about as much to parse and bind as to write. Statements of long text
 * choose `values` lists (`postgresBinding`), as on SQLite: arrays made
 * writing 5,000 status rows (1.2 KB of JSON each) 2.3 times slower (quoting
 * every element, then parsing the quoted literal). Run it inside a
 * transaction when the rows must be written all or nothing.
 */
export async function upsertRows<Row>(
  db: Knex,
  statement: UpsertStatement<Row>,
  rows: readonly Row[],
): Promise<void> {
  const columnCount = statement.columns.length;
  if (statement.postgresTypes.length !== columnCount) {
    throw new Error(
      `upsert into ${statement.table}: postgresTypes has ${statement.postgresTypes.length} types for ${columnCount} columns`,
    );
  }
  const head = `insert into ${statement.table} (${statement.columns.join(
    ', ',
  )}) `;
  const tail = ` on conflict (${statement.conflictColumns.join(
    ', ',
  )}) do update set ${statement.onConflictSet}`;
  if (isPostgres(db) && statement.postgresBinding !== 'values') {
    const arrays = statement.postgresTypes
      .map(type => `?::${type}[]`)
      .join(', ');
    for (const part of chunk(rows, POSTGRES_ROWS_PER_STATEMENT)) {
      await db.raw(
        `${head}select * from unnest(${arrays})${tail}`,
        columnArrays(statement, part),
      );
    }
    return;
  }
  for (const part of chunk(rows, rowsPerStatement(columnCount))) {
    const bindings: BindValue[] = new Array(part.length * columnCount);
    let next = 0;
    for (const row of part) {
      for (const value of statement.values(row)) {
        bindings[next++] = value;
      }
    }
    await db.raw(
      `${head}values ${valuePlaceholders(part.length, columnCount)}${tail}`,
      bindings,
    );
  }
}
