import type { TimeWindow } from '../openslo/types';
import { resolveWindow } from './resolveWindow';

const iso = (ms: number) => new Date(ms).toISOString();
const calendar = (
  duration: string,
  startTime: string,
  timeZone: string,
): TimeWindow => ({
  kind: 'calendar',
  duration,
  amount: Number(duration.slice(0, -1)),
  unit: duration.slice(-1) as 'M',
  startTime,
  timeZone,
});

describe('resolveWindow', () => {
  it('gives [at - D, at) for rolling windows, with period D', () => {
    const at = Date.parse('2026-06-10T12:34:00Z');
    const window = resolveWindow(
      { kind: 'rolling', duration: '28d', durationMinutes: 28 * 1440 },
      at,
    );
    expect(iso(window.start)).toBe('2026-05-13T12:34:00.000Z');
    expect(window.end).toBe(at);
    expect(window.periodStart).toBe(window.start);
    expect(window.periodEnd).toBe(at);
    expect(window.periodMinutes).toBe(40320);
  });

  it.each([
    // zone, at, period start, period end, minutes
    [
      'America/New_York',
      '2026-11-15T12:00:00Z',
      '2026-11-01T04:00:00.000Z',
      '2026-12-01T05:00:00.000Z',
      30 * 1440 + 60,
    ],
    [
      'America/New_York',
      '2026-03-31T12:00:00Z',
      '2026-03-01T05:00:00.000Z',
      '2026-04-01T04:00:00.000Z',
      31 * 1440 - 60,
    ],
    [
      'Asia/Kolkata',
      '2026-06-10T00:00:00Z',
      '2026-05-31T18:30:00.000Z',
      '2026-06-30T18:30:00.000Z',
      30 * 1440,
    ],
    [
      'Asia/Kolkata',
      '2026-05-31T18:29:00Z',
      '2026-04-30T18:30:00.000Z',
      '2026-05-31T18:30:00.000Z',
      31 * 1440,
    ],
    [
      'Europe/Berlin',
      '2026-10-25T22:59:00Z',
      '2026-09-30T22:00:00.000Z',
      '2026-10-31T23:00:00.000Z',
      31 * 1440 + 60,
    ],
    [
      'UTC',
      '2024-02-29T23:59:00Z',
      '2024-02-01T00:00:00.000Z',
      '2024-03-01T00:00:00.000Z',
      29 * 1440,
    ],
  ])(
    'finds the calendar month in %s at %s',
    (zone, at, start, end, minutes) => {
      const atMs = Date.parse(at);
      const window = resolveWindow(
        calendar('1M', '2020-01-01 00:00:00', zone),
        atMs,
      );
      expect(iso(window.start)).toBe(start);
      expect(iso(window.periodEnd)).toBe(end);
      expect(window.end).toBe(atMs);
      expect(window.periodMinutes).toBe(minutes);
    },
  );

  it('starts a new period exactly at its boundary, with an empty window', () => {
    const at = Date.parse('2026-12-01T05:00:00Z');
    const window = resolveWindow(
      calendar('1M', '2020-01-01 00:00:00', 'America/New_York'),
      at,
    );
    expect(window.start).toBe(at);
    expect(window.end).toBe(at);
    expect(window.periodMinutes).toBe(31 * 1440);
  });

  it('counts calendar days in local time across DST (23-hour day)', () => {
    const window = resolveWindow(
      calendar('1d', '2026-01-01 00:00:00', 'Europe/Berlin'),
      Date.parse('2026-03-29T12:00:00Z'),
    );
    expect(iso(window.start)).toBe('2026-03-28T23:00:00.000Z');
    expect(window.periodMinutes).toBe(23 * 60);
  });

  it('steps weeks, quarters and years from startTime, also before it', () => {
    const week = resolveWindow(
      calendar('1w', '2024-01-01 00:00:00', 'UTC'),
      Date.parse('2026-06-10T10:00:00Z'),
    );
    expect(iso(week.start)).toBe('2026-06-08T00:00:00.000Z'); // a Monday
    const quarter = resolveWindow(
      calendar('1Q', '2026-01-01 00:00:00', 'Asia/Kolkata'),
      Date.parse('2026-05-05T00:00:00Z'),
    );
    expect(iso(quarter.start)).toBe('2026-03-31T18:30:00.000Z');
    expect(quarter.periodMinutes).toBe(91 * 1440);
    const year = resolveWindow(
      calendar('1Y', '2030-07-01 00:00:00', 'UTC'),
      Date.parse('2026-03-01T00:00:00Z'),
    );
    expect(iso(year.start)).toBe('2025-07-01T00:00:00.000Z');
    expect(iso(year.periodEnd)).toBe('2026-07-01T00:00:00.000Z');
  });

  it('keeps the anchor day when months are shorter (2-month periods from Jan 31)', () => {
    const window = resolveWindow(
      calendar('2M', '2026-01-31 00:00:00', 'UTC'),
      Date.parse('2026-04-15T00:00:00Z'),
    );
    expect(iso(window.start)).toBe('2026-03-31T00:00:00.000Z');
    expect(iso(window.periodEnd)).toBe('2026-05-31T00:00:00.000Z');
  });
});
