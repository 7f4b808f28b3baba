/**
 * Conversions of values read from the database. PostgreSQL returns `bigint`
 * columns as strings and SQLite returns numbers; both become numbers here.
 */

/** A numeric column's value as a number. */
export function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

/** A nullable numeric column's value as a number, or `null`. */
export function toNullableNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : toNumber(value);
}
