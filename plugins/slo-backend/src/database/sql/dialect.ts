import { Knex } from 'knex';

/** Spellings that differ between the supported engines. */
export interface SqlDialect {
  /** Smaller of two values: `least` on PostgreSQL, scalar `min` on SQLite. */
  least: string;
  /** Larger of two values: `greatest` on PostgreSQL, scalar `max` on SQLite. */
  greatest: string;
}

/** Whether `db` talks to PostgreSQL (otherwise it is SQLite). */
export function isPostgres(db: Knex): boolean {
  const clientName = String(db.client.config.client ?? '');
  return clientName === 'pg' || clientName.includes('postgres');
}

/** The spellings of the engine `db` talks to. */
export function sqlDialectOf(db: Knex): SqlDialect {
  return isPostgres(db)
    ? { least: 'least', greatest: 'greatest' }
    : { least: 'min', greatest: 'max' };
}
