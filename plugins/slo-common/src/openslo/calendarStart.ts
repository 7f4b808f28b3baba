import { DateTime } from 'luxon';

/**
 * Parses a calendar window's `startTime` (`2022-01-01 00:00:00`, or ISO 8601)
 * as local time in `timeZone`. Returns undefined when it is not a date-time.
 */
export function parseCalendarStart(
  startTime: string,
  timeZone: string,
): DateTime | undefined {
  const sql = DateTime.fromSQL(startTime, { zone: timeZone });
  if (sql.isValid) return sql;
  const iso = DateTime.fromISO(startTime, { zone: timeZone });
  return iso.isValid ? iso : undefined;
}
