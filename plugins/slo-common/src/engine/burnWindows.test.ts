import {
  BURN_RATE_WINDOWS,
  BURN_WINDOW_HORIZON_MS,
  burnWindowEdgeOffsetsMs,
  burnWindowMinutes,
  burnWindowMs,
  type BurnRateWindow,
} from './burnWindows';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../time';

describe('burn-rate windows', () => {
  it('are the seven windows of the alert policy, shortest first', () => {
    expect(BURN_RATE_WINDOWS).toEqual([
      '5m',
      '30m',
      '1h',
      '2h',
      '6h',
      '1d',
      '3d',
    ]);
    const lengths = BURN_RATE_WINDOWS.map(burnWindowMs);
    expect([...lengths].sort((a, b) => a - b)).toEqual(lengths);
  });

  it.each([
    ['5m', 5 * MINUTE_MS, 5],
    ['30m', 30 * MINUTE_MS, 30],
    ['1h', HOUR_MS, 60],
    ['6h', 6 * HOUR_MS, 360],
    ['1d', DAY_MS, 1440],
    ['3d', 3 * DAY_MS, 4320],
  ] as const)('%s lasts %d ms (%d minutes)', (window, ms, minutes) => {
    expect(burnWindowMs(window)).toBe(ms);
    expect(burnWindowMinutes(window)).toBe(minutes);
  });

  it('rejects a label that is not a window length', () => {
    expect(() => burnWindowMs('2w' as BurnRateWindow)).toThrow(
      'Burn-rate window "2w" is not a whole number of m, h or d',
    );
  });

  it('reach back at most three days', () => {
    expect(BURN_WINDOW_HORIZON_MS).toBe(3 * DAY_MS);
  });

  it('give the evaluator now plus the start of every burn-rate window as edges', () => {
    expect(burnWindowEdgeOffsetsMs()).toEqual([
      0,
      5 * MINUTE_MS,
      30 * MINUTE_MS,
      HOUR_MS,
      2 * HOUR_MS,
      6 * HOUR_MS,
      DAY_MS,
      3 * DAY_MS,
    ]);
    expect(Math.max(...burnWindowEdgeOffsetsMs())).toBe(BURN_WINDOW_HORIZON_MS);
  });
});
