/**
 * Largest `good` or `total` one minute bucket may hold: 2^33 (8,589,934,592)
 * events, about 143 million per second.
 *
 * Counts are summed into hourly and daily rollups, in the database and in
 * the engine, as IEEE doubles (and would fit a 64-bit integer). A double
 * holds every integer up to 2^53 exactly. 400 days of minutes are 576,000
 * minutes, fewer than 2^20, so even 2^20 minutes (about 728 days) of the
 * largest counts sum to at most 2^33 * 2^20 = 2^53: no rollup, day sum or
 * window sum can overflow or lose an event. Without a bound, one point of
 * `total: 1e308` overflows a sum to Infinity (PostgreSQL rejects the day
 * rollup, so every evaluation cycle fails) and turns budgets into NaN.
 */
export const MAX_BUCKET_COUNT = 2 ** 33;

/**
 * Checks one bucket's counts. Returns the reasons it is invalid (empty when
 * valid): counts must be finite, whole, non-negative numbers of at most
 * {@link MAX_BUCKET_COUNT} with good ≤ total.
 * Shared by the CLI and the backend's one SLI write path (pushed and pulled
 * points) so all reject the same input.
 */
export function checkBucketCounts(good: unknown, total: unknown): string[] {
  const reasons: string[] = [];
  const goodOk = checkCount('good', good, reasons);
  const totalOk = checkCount('total', total, reasons);
  if (goodOk && totalOk && (good as number) > (total as number)) {
    reasons.push(`good (${good}) must not exceed total (${total})`);
  }
  return reasons;
}

function checkCount(field: string, value: unknown, reasons: string[]): boolean {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    reasons.push(`${field} must be a number, got ${describe(value)}`);
    return false;
  }
  if (value < 0) {
    reasons.push(`${field} must not be negative, got ${value}`);
    return false;
  }
  if (!Number.isInteger(value)) {
    reasons.push(`${field} must be a whole number of events, got ${value}`);
    return false;
  }
  if (value > MAX_BUCKET_COUNT) {
    reasons.push(
      `${field} must be at most ${MAX_BUCKET_COUNT} (2^33) events per minute, got ${value}`,
    );
    return false;
  }
  return true;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return `the string "${value}"`;
  if (typeof value === 'number') return String(value);
  return typeof value;
}
