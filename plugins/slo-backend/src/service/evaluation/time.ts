/** Time units and boundaries (UTC, epoch milliseconds) the evaluation works on. */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export function floorToMinute(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

export function floorToHour(ms: number): number {
  return Math.floor(ms / HOUR_MS) * HOUR_MS;
}

export function ceilToHour(ms: number): number {
  return Math.ceil(ms / HOUR_MS) * HOUR_MS;
}

export function floorToDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

export function ceilToDay(ms: number): number {
  return Math.ceil(ms / DAY_MS) * DAY_MS;
}
