import { Knex } from 'knex';
import { chunk, keysPerStatement } from './batchSizes';
import { isPostgres } from './dialect';

/**
 * The batches a read filtered by many SLO keys is made in. SQLite gets
 * `IN (...)` lists of at most {@link keysPerStatement} keys (besides
 * `otherParameters`). PostgreSQL gets every key in one batch, bound as one
 * array parameter by {@link whereSloKeyIn}: the data tables hold the rows of
 * one time span together (they are written minute by minute and hour by
 * hour for every SLO), so each batch of a time-range read scans the whole
 * range to pick its SLOs' rows, and batches would make a read of N SLOs cost
 * N / batch-size range scans, growing with the square of N.
 */
export function sloKeyBatches<K extends number | string = number>(
  db: Knex,
  keys: K[],
  otherParameters: number = 0,
): K[][] {
  if (isPostgres(db)) {
    return keys.length > 0 ? [keys] : [];
  }
  return chunk(keys, keysPerStatement(otherParameters));
}

/**
 * Keeps the rows of `query` whose `column` is one of `keys`: one array
 * parameter (`= any(?)`) on PostgreSQL, an `IN (...)` list on SQLite.
 */
export function whereSloKeyIn<Q extends Knex.QueryBuilder>(
  db: Knex,
  query: Q,
  keys: number[],
  column: string = 'slo_key',
): Q {
  return whereAnyOf(db, query, column, keys, 'integer');
}

/**
 * Keeps the rows of `query` whose `column` is one of `values`: one array
 * parameter of `postgresType` on PostgreSQL, an `IN (...)` list on SQLite.
 */
export function whereAnyOf<Q extends Knex.QueryBuilder>(
  db: Knex,
  query: Q,
  column: string,
  values: number[] | string[],
  postgresType: 'integer' | 'text',
): Q {
  if (isPostgres(db)) {
    query.whereRaw(`?? = any(?::${postgresType}[])`, [column, values]);
  } else {
    query.whereIn(column, values);
  }
  return query;
}

/**
 * The condition `slo_key` is one of `keys`, for a raw statement: one array
 * parameter on PostgreSQL, an `IN (...)` list on SQLite.
 */
export function sloKeyCondition(
  db: Knex,
  keys: number[],
): { sql: string; bindings: Array<number | number[]> } {
  if (isPostgres(db)) {
    return { sql: 'slo_key = any(?::integer[])', bindings: [keys] };
  }
  return {
    sql: `slo_key in (${keys.map(() => '?').join(', ')})`,
    bindings: keys,
  };
}
