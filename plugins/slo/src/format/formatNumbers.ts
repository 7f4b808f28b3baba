/**
 * Formats a fraction as a percentage, truncating (never rounding up) so that a
 * value just below 1 is never shown as 100%.
 */
export function formatPercent(
  fraction: number,
  maximumFractionDigits = 2,
): string {
  const scale = 10 ** (maximumFractionDigits + 2);
  const truncated = Math.trunc(fraction * scale) / scale;
  return new Intl.NumberFormat('en-US', {
    style: 'percent',
    maximumFractionDigits,
  }).format(truncated);
}

/** Formats a count for reading, e.g. 2880 → "2,880", 43.2 → "43". */
export function formatCount(value: number): string {
  const digits = Math.abs(value) < 10 && !Number.isInteger(value) ? 1 : 0;
  return new Intl.NumberFormat('en-US', {
    maximumFractionDigits: digits,
  }).format(value);
}

/** Formats a burn rate, e.g. 14.4 → "14.4×"; null → "no data". */
export function formatBurnRate(rate: number | null): string {
  if (rate === null) {
    return 'no data';
  }
  return `${new Intl.NumberFormat('en-US', {
    maximumFractionDigits: rate < 10 ? 2 : 1,
  }).format(rate)}×`;
}
