/**
 * Time units and UTC boundaries SLO Kit works with. Every instant is epoch
 * milliseconds; minute buckets, hourly rollups and daily rollups start on
 * these boundaries.
 */

/** Milliseconds in one minute. */
export const MINUTE_MS = 60_000;
/** Milliseconds in one hour. */
export const HOUR_MS = 60 * MINUTE_MS;
/** Milliseconds in one (UTC) day. */
export const DAY_MS = 24 * HOUR_MS;

/** Start of the minute containing `ms`. */
export function floorToMinute(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

/** First minute boundary at or after `ms`. */
export function ceilToMinute(ms: number): number {
  return Math.ceil(ms / MINUTE_MS) * MINUTE_MS;
}

/** Start of the UTC hour containing `ms`. */
export function floorToHour(ms: number): number {
  return Math.floor(ms / HOUR_MS) * HOUR_MS;
}

/** First UTC hour boundary at or after `ms`. */
export function ceilToHour(ms: number): number {
  return Math.ceil(ms / HOUR_MS) * HOUR_MS;
}

/** Start of the UTC day containing `ms`. */
export function floorToDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** First UTC day boundary (midnight) at or after `ms`. */
export function ceilToDay(ms: number): number {
  return Math.ceil(ms / DAY_MS) * DAY_MS;
}
