/**
 * How many rows or keys fit in one SQL statement. Both supported engines cap
 * the number of bind parameters (`?`) of a statement; a statement over the
 * cap fails, so bulk writes and `IN (...)` lists are cut into batches.
 */

/**
 * SQLite's `SQLITE_MAX_VARIABLE_NUMBER`: the highest parameter number a
 * statement may use. Its default has been 32766 since SQLite 3.32.0 (it was
 * 999 before), and better-sqlite3 bundles a newer SQLite built with that
 * default.
 */
export const SQLITE_MAX_BIND_PARAMETERS = 32_766;

/**
 * PostgreSQL's limit: the wire protocol counts a statement's parameters in a
 * 16-bit integer, so a statement may have at most 65535 of them.
 */
export const POSTGRES_MAX_BIND_PARAMETERS = 65_535;

/**
 * Parameters one statement may use on every supported engine. Statements are
 * built the same way for both engines, so the lower limit applies.
 */
export const MAX_BIND_PARAMETERS = Math.min(
  SQLITE_MAX_BIND_PARAMETERS,
  POSTGRES_MAX_BIND_PARAMETERS,
);

/**
 * Bound values per bulk-write statement that this project aims for, below
 * the engines' limit. Measured with the backend bench on SQLite: statements
 * filled to the limit (e.g. 8,191 minute buckets) made HTTP ingestion and
 * status writes slower than statements of about 16,000 values (4,000 minute
 * buckets, 2,000 rollups), which keep the statement's parse and plan cheap.
 */
export const PREFERRED_BIND_PARAMETERS = 16_000;

/**
 * Keys per `IN (...)` list of a read. Measured with the backend bench on
 * SQLite: the cold evaluation cycle over 5,000 SLOs took 3.46 s with one
 * 5,000-key list per range read and 2.26 s with lists of 900 keys, as SQLite
 * sorts and probes a long list less well than several short ones.
 */
export const PREFERRED_KEYS_PER_READ = 900;

/**
 * Rows of `columnCount` bound values each per multi-row
 * `insert ... values (...), (...)` statement: as many as
 * {@link PREFERRED_BIND_PARAMETERS} allows, never over the engines' limit.
 */
export function rowsPerStatement(columnCount: number): number {
  if (!Number.isInteger(columnCount) || columnCount < 1) {
    throw new Error(
      `columnCount must be a positive whole number, got ${columnCount}`,
    );
  }
  return Math.max(
    1,
    Math.floor(
      Math.min(PREFERRED_BIND_PARAMETERS, MAX_BIND_PARAMETERS) / columnCount,
    ),
  );
}

/**
 * SQLite's `SQLITE_MAX_COMPOUND_SELECT` (default 500): the most terms of a
 * compound `select`. knex writes a multi-row `.insert([...])` on SQLite as
 * `insert ... select ? union all select ? ...`, one term per row, so such an
 * insert may hold at most this many rows there. (Multi-row `values` lists,
 * as `upsertRows` writes them, are not compound selects and are not
 * limited by it.)
 */
export const SQLITE_MAX_COMPOUND_SELECT = 500;

/**
 * Rows of `columnCount` values each that fit in one knex multi-row
 * `.insert([...])` on every supported engine.
 */
export function rowsPerKnexInsert(columnCount: number): number {
  return Math.min(rowsPerStatement(columnCount), SQLITE_MAX_COMPOUND_SELECT);
}

/**
 * Keys that fit in one `IN (...)` list of a statement that binds
 * `otherParameters` values besides the list (e.g. the two ends of a range).
 */
export function keysPerStatement(otherParameters: number = 0): number {
  return Math.min(
    PREFERRED_KEYS_PER_READ,
    MAX_BIND_PARAMETERS - otherParameters,
  );
}

/** Cuts `items` into consecutive batches of at most `size` items. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    chunks.push(items.slice(i, i + size));
  }
  return chunks;
}
