/** Network errors of a connection to the database that could not be made or was cut. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * PostgreSQL SQLSTATEs of a server shutting down, restarting or full:
 * admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections.
 * Class 08 (connection exception) is matched as a whole.
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** Messages of the pg driver and of knex's pool when a connection is lost or none is free. */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /^Knex: Timeout acquiring a connection/,
];

/**
 * True when `error` says the database cannot be reached right now (refused
 * or cut connections, a server shutting down or restarting, no connection
 * free in time), as opposed to a bug or bad data: the request may succeed
 * when sent again. Looks through `cause` chains.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (typeof current !== 'object') return false;
    const { code, name, message, cause } = current as {
      code?: unknown;
      name?: unknown;
      message?: unknown;
      cause?: unknown;
    };
    if (typeof code === 'string') {
      if (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code)) {
        return true;
      }
      if (/^08[0-9A-Z]{3}$/.test(code)) return true;
    }
    if (name === 'KnexTimeoutError') return true;
    if (
      typeof message === 'string' &&
      UNAVAILABLE_MESSAGES.some(pattern => pattern.test(message))
    ) {
      return true;
    }
    current = cause;
  }
  return false;
}
