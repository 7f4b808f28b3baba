import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  ceilToDay,
  ceilToHour,
  ceilToMinute,
  floorToDay,
  floorToHour,
  floorToMinute,
} from './time';

const at = (iso: string) => Date.parse(iso);

describe('time units', () => {
  it('are minutes, hours and days in milliseconds', () => {
    expect(MINUTE_MS).toBe(60_000);
    expect(HOUR_MS).toBe(3_600_000);
    expect(DAY_MS).toBe(86_400_000);
  });
});

describe('time boundaries', () => {
  const inside = at('2026-03-10T12:34:56.789Z');

  it.each([
    ['floorToMinute', floorToMinute, '2026-03-10T12:34:00.000Z'],
    ['ceilToMinute', ceilToMinute, '2026-03-10T12:35:00.000Z'],
    ['floorToHour', floorToHour, '2026-03-10T12:00:00.000Z'],
    ['ceilToHour', ceilToHour, '2026-03-10T13:00:00.000Z'],
    ['floorToDay', floorToDay, '2026-03-10T00:00:00.000Z'],
    ['ceilToDay', ceilToDay, '2026-03-11T00:00:00.000Z'],
  ])('%s moves an instant inside a unit to its UTC boundary', (_, fn, iso) => {
    expect(new Date(fn(inside)).toISOString()).toBe(iso);
  });

  it.each([
    ['floorToMinute', floorToMinute],
    ['ceilToMinute', ceilToMinute],
    ['floorToHour', floorToHour],
    ['ceilToHour', ceilToHour],
    ['floorToDay', floorToDay],
    ['ceilToDay', ceilToDay],
  ])('%s keeps an instant already on a day boundary', (_, fn) => {
    const midnight = at('2026-03-10T00:00:00.000Z');
    expect(fn(midnight)).toBe(midnight);
  });
});
