import { EngineInput } from './EngineInput';

describe('EngineInput', () => {
  it('holds what was added since the last reset, in order', () => {
    const input = new EngineInput();
    input.addMinute(0, 1, 2);
    input.addMinute(60_000, 3, 4);
    Object.assign(input.nextRollup(), {
      start: 0,
      durationMs: 3_600_000,
      good: 5,
      total: 6,
      minutesWithData: 7,
      slicesWithData: 8,
      goodSlices: 9,
      sliceRatioSum: 0.5,
    });
    expect(input.minutes).toEqual([
      { start: 0, good: 1, total: 2 },
      { start: 60_000, good: 3, total: 4 },
    ]);
    expect(input.rollups).toEqual([
      {
        start: 0,
        durationMs: 3_600_000,
        good: 5,
        total: 6,
        minutesWithData: 7,
        slicesWithData: 8,
        goodSlices: 9,
        sliceRatioSum: 0.5,
      },
    ]);

    input.reset();
    expect(input.minutes).toEqual([]);
    expect(input.rollups).toEqual([]);
  });

  it('reuses the objects of earlier evaluations and makes new ones only beyond them', () => {
    const input = new EngineInput();
    input.addMinute(0, 1, 1);
    input.nextRollup();
    const [firstMinute] = input.minutes;
    const [firstRollup] = input.rollups;

    input.reset();
    input.addMinute(120_000, 2, 3);
    input.addMinute(180_000, 4, 5);
    Object.assign(input.nextRollup(), {
      start: 7,
      durationMs: 8,
      good: 9,
      total: 10,
      minutesWithData: 11,
      slicesWithData: 12,
      goodSlices: 13,
      sliceRatioSum: 14,
    });

    expect(input.minutes[0]).toBe(firstMinute);
    expect(input.minutes[0]).toEqual({ start: 120_000, good: 2, total: 3 });
    expect(input.minutes[1]).not.toBe(firstMinute);
    expect(input.minutes[1]).toEqual({ start: 180_000, good: 4, total: 5 });
    expect(input.rollups[0]).toBe(firstRollup);
    expect(input.rollups[0]).toEqual({
      start: 7,
      durationMs: 8,
      good: 9,
      total: 10,
      minutesWithData: 11,
      slicesWithData: 12,
      goodSlices: 13,
      sliceRatioSum: 14,
    });
  });
});
