import { DAY_MS, HOUR_MS, MINUTE_MS } from '../time';

/**
 * The windows over which the engine measures burn rates, shortest first. The
 * alert policy pairs them into long and short windows; the longest one is how
 * far back from "now" the engine ever reads data besides the SLO window.
 */
export const BURN_RATE_WINDOWS = [
  '5m',
  '30m',
  '1h',
  '2h',
  '6h',
  '1d',
  '3d',
] as const;

/** One of {@link BURN_RATE_WINDOWS}. */
export type BurnRateWindow = (typeof BURN_RATE_WINDOWS)[number];

const UNIT_MS: Record<string, number> = { m: MINUTE_MS, h: HOUR_MS, d: DAY_MS };

/** Length of a burn-rate window in milliseconds. */
export function burnWindowMs(window: BurnRateWindow): number {
  const unit = UNIT_MS[window.slice(-1)];
  const amount = Number(window.slice(0, -1));
  if (unit === undefined || !Number.isInteger(amount) || amount <= 0) {
    throw new RangeError(
      `Burn-rate window "${window}" is not a whole number of m, h or d`,
    );
  }
  return amount * unit;
}

/** Length of a burn-rate window in minutes. */
export function burnWindowMinutes(window: BurnRateWindow): number {
  return burnWindowMs(window) / MINUTE_MS;
}

/**
 * How far before "now" the longest burn-rate window reaches (3 days): data
 * older than this only matters for the SLO window itself.
 */
export const BURN_WINDOW_HORIZON_MS = Math.max(
  ...BURN_RATE_WINDOWS.map(burnWindowMs),
);

/**
 * Offsets back from "now" at which a range the engine reads starts: 0 (the
 * current instant) and the length of every burn-rate window. The hours these
 * instants fall in are the ones the engine reads minute by minute.
 */
export function burnWindowEdgeOffsetsMs(): number[] {
  return [0, ...BURN_RATE_WINDOWS.map(burnWindowMs)];
}
