import { IANAZone } from 'luxon';
import type { TimeWindowSpec } from './schema';
import type { DocumentReporter, FieldPath } from './DocumentReporter';
import {
  fixedDurationMinutes,
  parseDuration,
  type ParsedDuration,
} from './duration';
import { parseCalendarStart } from './calendarStart';
import { OPENSLO_LIMITS } from './limits';
import type { TimeWindow } from './types';

const MINUTES_PER_DAY = 24 * 60;

/** The longest a calendar period of each unit can be, in days. */
const LONGEST_CALENDAR_DAYS: Record<string, number> = { M: 31, Q: 92, Y: 366 };

const TOO_LONG = `must be at most ${OPENSLO_LIMITS.maxTimeWindowDays} days long (the retention of hourly rollups)`;

const CALENDAR_UNIT_NAMES: Record<string, string> = {
  M: 'months',
  Q: 'quarters',
  Y: 'years',
};

/**
 * Normalises an SLO's `spec.timeWindow` (one window, alone or in a list of
 * one) into a rolling window of fixed length or a calendar window in an IANA
 * time zone. Problems are reported; undefined when there are any.
 */
export function parseTimeWindow(
  value: TimeWindowSpec | TimeWindowSpec[],
  reporter: DocumentReporter,
): TimeWindow | undefined {
  let window: TimeWindowSpec;
  let path: FieldPath;
  if (Array.isArray(value)) {
    if (value.length !== 1) {
      reporter.report(
        'spec.timeWindow',
        `must hold exactly one time window, got ${value.length}`,
      );
      return undefined;
    }
    window = value[0];
    path = ['spec', 'timeWindow', 0];
  } else {
    window = value;
    path = ['spec', 'timeWindow'];
  }
  const duration = parseDuration(window.duration);
  if (typeof duration === 'string') {
    reporter.report([...path, 'duration'], duration);
    return undefined;
  }
  const rolling = window.isRolling ?? !window.calendar;
  if (rolling) {
    if (window.calendar) {
      reporter.report(
        [...path, 'calendar'],
        'a rolling window (isRolling: true) cannot have a calendar',
      );
      return undefined;
    }
    const minutes = fixedDurationMinutes(duration);
    if (minutes === undefined) {
      reporter.notSupported(
        [...path, 'duration'],
        `rolling windows measured in ${CALENDAR_UNIT_NAMES[duration.unit]} ("${
          window.duration
        }") have no fixed length; use days (e.g. 28d or 30d) or a calendar window`,
      );
      return undefined;
    }
    if (minutes > OPENSLO_LIMITS.maxTimeWindowDays * MINUTES_PER_DAY) {
      reporter.report(
        [...path, 'duration'],
        `${TOO_LONG}, got ${window.duration}`,
      );
      return undefined;
    }
    return {
      kind: 'rolling',
      duration: window.duration,
      durationMinutes: minutes,
    };
  }
  if (!window.calendar) {
    reporter.report(
      [...path, 'calendar'],
      'is required when isRolling is false: give calendar.startTime and calendar.timeZone',
    );
    return undefined;
  }
  if (longestDays(duration) > OPENSLO_LIMITS.maxTimeWindowDays) {
    reporter.report(
      [...path, 'duration'],
      `${TOO_LONG}: a calendar window of at most 1Y, 4Q, 12M or ${OPENSLO_LIMITS.maxTimeWindowDays}d, got ${window.duration}`,
    );
    return undefined;
  }
  const { startTime, timeZone } = window.calendar;
  if (!IANAZone.isValidZone(timeZone)) {
    reporter.report(
      [...path, 'calendar', 'timeZone'],
      `"${timeZone}" is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC)`,
    );
    return undefined;
  }
  if (!parseCalendarStart(startTime, timeZone)) {
    reporter.report(
      [...path, 'calendar', 'startTime'],
      `"${startTime}" is not a date-time; use the form 2022-01-01 00:00:00`,
    );
    return undefined;
  }
  return {
    kind: 'calendar',
    duration: window.duration,
    amount: duration.amount,
    unit: duration.unit,
    startTime,
    timeZone,
  };
}

/** The longest a window of `duration` can be, in days (calendar units at their longest). */
function longestDays(duration: ParsedDuration): number {
  const minutes = fixedDurationMinutes(duration);
  return minutes !== undefined
    ? minutes / MINUTES_PER_DAY
    : duration.amount * LONGEST_CALENDAR_DAYS[duration.unit];
}
