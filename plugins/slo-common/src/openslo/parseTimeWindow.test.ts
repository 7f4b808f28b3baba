import { parseTimeWindow } from './parseTimeWindow';
import { DocumentReporter } from './DocumentReporter';
import type { TimeWindowSpec } from './schema';
import type { OpenSloIssue } from './types';
import {
  INDICATOR,
  apiIssue,
  issuesOf,
  sloWith,
} from './__testUtils__/openSloTestDocuments';

function parse(value: TimeWindowSpec | TimeWindowSpec[]) {
  const issues: OpenSloIssue[] = [];
  const reporter = new DocumentReporter(issues, 'slos.yaml', 0, 'api');
  const window = parseTimeWindow(value, reporter);
  return { window, issues: issues.map(i => [i.path, i.message]) };
}

describe('parseTimeWindow', () => {
  it.each([
    [
      'an unknown time zone',
      sloWith(
        `${INDICATOR}  timeWindow: [{ duration: 1M, isRolling: false, calendar: { startTime: "2022-01-01 00:00:00", timeZone: Mars/Olympus } }]\n  budgetingMethod: Occurrences\n  objectives: [{ target: 0.9 }]\n`,
      ),
      'spec.timeWindow[0].calendar.timeZone',
      '"Mars/Olympus" is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC)',
    ],
    [
      'a rolling month',
      sloWith(
        `${INDICATOR}  timeWindow: [{ duration: 1M, isRolling: true }]\n  budgetingMethod: Occurrences\n  objectives: [{ target: 0.9 }]\n`,
      ),
      'spec.timeWindow[0].duration',
      'not supported yet: rolling windows measured in months ("1M") have no fixed length; use days (e.g. 28d or 30d) or a calendar window',
    ],
    [
      'a bad duration',
      sloWith(
        `${INDICATOR}  timeWindow: [{ duration: 30 days, isRolling: true }]\n  budgetingMethod: Occurrences\n  objectives: [{ target: 0.9 }]\n`,
      ),
      'spec.timeWindow[0].duration',
      '"30 days" is not a duration; use a positive whole number followed by m, h, d, w, M, Q or Y (e.g. 28d)',
    ],
    [
      'a rolling window of a billion days',
      sloWith(
        `${INDICATOR}  timeWindow: [{ duration: 1000000000d, isRolling: true }]\n  budgetingMethod: Occurrences\n  objectives: [{ target: 0.9 }]\n`,
      ),
      'spec.timeWindow[0].duration',
      'must be at most 400 days long (the retention of hourly rollups), got 1000000000d',
    ],
    [
      'a rolling window of 401 days',
      sloWith(
        `${INDICATOR}  timeWindow: { duration: 401d }\n  budgetingMethod: Occurrences\n  objectives: [{ target: 0.9 }]\n`,
      ),
      'spec.timeWindow.duration',
      'must be at most 400 days long (the retention of hourly rollups), got 401d',
    ],
    [
      'a rolling window of 58 weeks',
      sloWith(
        `${INDICATOR}  timeWindow: { duration: 58w }\n  budgetingMethod: Occurrences\n  objectives: [{ target: 0.9 }]\n`,
      ),
      'spec.timeWindow.duration',
      'must be at most 400 days long (the retention of hourly rollups), got 58w',
    ],
    [
      'a rolling window with more digits than a number holds',
      sloWith(
        `${INDICATOR}  timeWindow: { duration: ${'9'.repeat(
          400,
        )}m }\n  budgetingMethod: Occurrences\n  objectives: [{ target: 0.9 }]\n`,
      ),
      'spec.timeWindow.duration',
      `must be at most 400 days long (the retention of hourly rollups), got ${'9'.repeat(
        400,
      )}m`,
    ],
    [
      'a calendar window of two years',
      sloWith(
        `${INDICATOR}  timeWindow: [{ duration: 2Y, isRolling: false, calendar: { startTime: "2022-01-01 00:00:00", timeZone: UTC } }]\n  budgetingMethod: Occurrences\n  objectives: [{ target: 0.9 }]\n`,
      ),
      'spec.timeWindow[0].duration',
      'must be at most 400 days long (the retention of hourly rollups): a calendar window of at most 1Y, 4Q, 12M or 400d, got 2Y',
    ],
    [
      'a calendar window of 13 months',
      sloWith(
        `${INDICATOR}  timeWindow: [{ duration: 13M, isRolling: false, calendar: { startTime: "2022-01-01 00:00:00", timeZone: UTC } }]\n  budgetingMethod: Occurrences\n  objectives: [{ target: 0.9 }]\n`,
      ),
      'spec.timeWindow[0].duration',
      'must be at most 400 days long (the retention of hourly rollups): a calendar window of at most 1Y, 4Q, 12M or 400d, got 13M',
    ],
  ])(
    'rejects %s, naming the field and reason',
    (_label, yaml, path, message) => {
      expect(issuesOf(yaml)).toContainEqual(apiIssue(path, message));
    },
  );

  it('gives a rolling window its length in minutes', () => {
    expect(parse({ duration: '28d', isRolling: true })).toEqual({
      window: { kind: 'rolling', duration: '28d', durationMinutes: 40320 },
      issues: [],
    });
  });

  it('treats a window without calendar as rolling, alone or in a list of one', () => {
    expect(parse([{ duration: '1w' }]).window).toEqual({
      kind: 'rolling',
      duration: '1w',
      durationMinutes: 10080,
    });
  });

  it.each(['400d', '57w', '9600h'])(
    'accepts a rolling window of %s, at most 400 days',
    duration => {
      expect(parse({ duration }).issues).toEqual([]);
    },
  );

  it.each(['1Y', '4Q', '12M', '400d'])(
    'accepts a calendar window of %s',
    duration => {
      expect(
        parse({
          duration,
          isRolling: false,
          calendar: { startTime: '2022-01-01 00:00:00', timeZone: 'UTC' },
        }).issues,
      ).toEqual([]);
    },
  );

  it('normalises a calendar window', () => {
    expect(
      parse({
        duration: '1Q',
        isRolling: false,
        calendar: {
          startTime: '2022-01-01 00:00:00',
          timeZone: 'Asia/Kolkata',
        },
      }),
    ).toEqual({
      window: {
        kind: 'calendar',
        duration: '1Q',
        amount: 1,
        unit: 'Q',
        startTime: '2022-01-01 00:00:00',
        timeZone: 'Asia/Kolkata',
      },
      issues: [],
    });
  });

  it.each([
    [
      'more than one window',
      [{ duration: '28d' }, { duration: '7d' }],
      'spec.timeWindow',
      'must hold exactly one time window, got 2',
    ],
    [
      'a rolling window with a calendar',
      {
        duration: '28d',
        isRolling: true,
        calendar: { startTime: '2022-01-01 00:00:00', timeZone: 'UTC' },
      },
      'spec.timeWindow.calendar',
      'a rolling window (isRolling: true) cannot have a calendar',
    ],
    [
      'a calendar window without calendar',
      { duration: '1M', isRolling: false },
      'spec.timeWindow.calendar',
      'is required when isRolling is false: give calendar.startTime and calendar.timeZone',
    ],
    [
      'a start time that is not a date-time',
      {
        duration: '1M',
        isRolling: false,
        calendar: { startTime: 'Monday', timeZone: 'UTC' },
      },
      'spec.timeWindow.calendar.startTime',
      '"Monday" is not a date-time; use the form 2022-01-01 00:00:00',
    ],
  ])('rejects %s', (_label, value, path, message) => {
    expect(parse(value as TimeWindowSpec)).toEqual({
      window: undefined,
      issues: [[path, message]],
    });
  });
});
