/**
 * Checks one bucket's counts. Returns the reasons it is invalid (empty when
 * valid): counts must be finite, whole, non-negative numbers with good ≤ total.
 * Shared by the CLI and the backend's ingestion so both reject the same input.
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
  return true;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return `the string "${value}"`;
  if (typeof value === 'number') return String(value);
  return typeof value;
}
