import { HOUR_MS, MINUTE_MS } from '@slo-kit/plugin-slo-common';
import { EngineInput } from './EngineInput';
import { HourMinutes } from './HourMinutes';

const HOUR = Date.UTC(2026, 0, 10, 12);
const minute = (i: number, good: number, total: number) => ({
  start: HOUR + i * MINUTE_MS,
  good,
  total,
});

describe('HourMinutes', () => {
  it('gives back the stored minutes in order, without the minutes that have no row', () => {
    const held = new HourMinutes(HOUR, HOUR, [
      minute(59, 1, 2),
      minute(3, 0, 0),
      minute(0, 5, 5),
    ]);
    expect(held.whole).toBe(true);
    expect(held.buckets()).toEqual([
      minute(0, 5, 5),
      minute(3, 0, 0),
      minute(59, 1, 2),
    ]);
  });

  it('replaces a minute set again and keeps the others', () => {
    const held = new HourMinutes(HOUR, HOUR, [
      minute(1, 1, 1),
      minute(2, 2, 2),
    ]);
    held.set([minute(2, 7, 9), minute(4, 0, 1)]);
    expect(held.buckets()).toEqual([
      minute(1, 1, 1),
      minute(2, 7, 9),
      minute(4, 0, 1),
    ]);
  });

  it('adds to an engine input, so several hours make one ordered series', () => {
    const first = new HourMinutes(HOUR, HOUR + 58 * MINUTE_MS, [
      minute(58, 1, 1),
    ]);
    const next = new HourMinutes(HOUR + HOUR_MS, HOUR + HOUR_MS, [
      { start: HOUR + HOUR_MS, good: 2, total: 2 },
    ]);
    expect(first.whole).toBe(false);
    const input = first.addTo(new EngineInput());
    expect(next.addTo(input).minutes).toEqual([
      minute(58, 1, 1),
      { start: HOUR + HOUR_MS, good: 2, total: 2 },
    ]);
  });

  it('finds the newest minute with data, skipping minutes with a total of 0', () => {
    expect(
      new HourMinutes(HOUR, HOUR, [
        minute(5, 1, 1),
        minute(9, 0, 0),
      ]).newestWithData(),
    ).toBe(HOUR + 5 * MINUTE_MS);
    expect(
      new HourMinutes(HOUR, HOUR, [minute(9, 0, 0)]).newestWithData(),
    ).toBeNull();
  });

  it('refuses a minute outside the held part of the hour, or not on a minute boundary', () => {
    const from = HOUR + 30 * MINUTE_MS;
    expect(() => new HourMinutes(HOUR, from, [minute(29, 1, 1)])).toThrow(
      'minute 2026-01-10T12:29:00.000Z is not a held minute of the hour starting 2026-01-10T12:00:00.000Z (held from 2026-01-10T12:30:00.000Z)',
    );
    expect(() => new HourMinutes(HOUR, HOUR, [minute(60, 1, 1)])).toThrow(
      'is not a held minute',
    );
    expect(
      () =>
        new HourMinutes(HOUR, HOUR, [{ start: HOUR + 1, good: 1, total: 1 }]),
    ).toThrow('is not a held minute');
  });
});
