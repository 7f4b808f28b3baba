import type { SloDefinition } from '../openslo/types';
import { computeHourRollup } from './computeHourRollup';

const HOUR = Date.parse('2026-06-01T10:00:00Z');
const MINUTE = 60_000;

const timeslices: SloDefinition = {
  name: 'api-latency',
  indicator: {
    kind: 'ratio',
    counter: false,
    numerator: 'good',
    numeratorSource: { type: 'push' },
    totalSource: { type: 'push' },
  },
  timeWindow: { kind: 'rolling', duration: '28d', durationMinutes: 40320 },
  budgetingMethod: 'Timeslices',
  objectives: [
    { target: 0.99, timeSliceTarget: 0.9, timeSliceWindowMinutes: 5 },
  ],
};

describe('computeHourRollup', () => {
  it('sums counts and judges 5-minute slices inside the hour only', () => {
    const rollup = computeHourRollup(timeslices, HOUR, [
      { start: HOUR - MINUTE, good: 0, total: 100 }, // previous hour: ignored
      { start: HOUR, good: 9, total: 10 },
      { start: HOUR + MINUTE, good: 10, total: 10 }, // slice 1: 19/20 good
      { start: HOUR + 5 * MINUTE, good: 8, total: 10 }, // slice 2: 0.8 bad
      { start: HOUR + 10 * MINUTE, good: 0, total: 0 }, // no data
      { start: HOUR + 60 * MINUTE, good: 0, total: 100 }, // next hour: ignored
    ]);
    expect(rollup).toEqual({
      start: HOUR,
      good: 27,
      total: 30,
      minutesWithData: 3,
      slicesWithData: 2,
      goodSlices: 1,
      sliceRatioSum: 0.95 + 0.8,
    });
  });

  it('gives an empty rollup for an hour without data', () => {
    expect(computeHourRollup(timeslices, HOUR, [])).toEqual({
      start: HOUR,
      good: 0,
      total: 0,
      minutesWithData: 0,
      slicesWithData: 0,
      goodSlices: 0,
      sliceRatioSum: 0,
    });
  });

  it('rejects a start that is not on an hour boundary', () => {
    expect(() => computeHourRollup(timeslices, HOUR + MINUTE, [])).toThrow(
      'UTC hour boundary',
    );
  });
});
