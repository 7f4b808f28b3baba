/** Milliseconds in one minute. */
export const MINUTE_MS = 60_000;
/** Milliseconds in one hour. */
export const HOUR_MS = 3_600_000;

/** Start of the minute containing `ms` (epoch milliseconds). */
export function floorToMinute(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

/** Start of the UTC hour containing `ms`. */
export function floorToHour(ms: number): number {
  return Math.floor(ms / HOUR_MS) * HOUR_MS;
}

/** First UTC hour boundary at or after `ms`. */
export function ceilToHour(ms: number): number {
  return Math.ceil(ms / HOUR_MS) * HOUR_MS;
}

/**
 * Rounds away binary floating-point noise (e.g. `1 - 0.999`) to 12 significant
 * digits, so figures such as 43.2 budget minutes come out exactly.
 */
export function roundNoise(value: number): number {
  return Number(value.toPrecision(12));
}

/** Minutes in an engine window label such as `5m`, `2h` or `3d`. */
export function windowLabelMinutes(label: string): number {
  const amount = Number(label.slice(0, -1));
  const unit = label.slice(-1);
  if (unit === 'm') return amount;
  if (unit === 'h') return amount * 60;
  if (unit === 'd') return amount * 1440;
  throw new Error(`Unknown window label "${label}"`);
}
