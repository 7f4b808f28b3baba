/**
 * True when `error` is a database's unique-constraint violation: PostgreSQL's
 * SQLSTATE 23505, SQLite's `SQLITE_CONSTRAINT_UNIQUE` / `_PRIMARYKEY`.
 */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/**
 * Runs `attempt` (a whole transaction) again when it lost a race to insert
 * the same unique key as a concurrent transaction: the next attempt reads the
 * row the winner committed and takes the update path. Other errors, and a
 * violation on the last attempt, are thrown.
 */
export async function retryOnUniqueViolation<T>(
  attempt: () => Promise<T>,
  attempts = 3,
): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (i >= attempts || !isUniqueViolation(error)) throw error;
    }
  }
}
