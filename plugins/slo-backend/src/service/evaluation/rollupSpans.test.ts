import type { RollupSpan } from '@slo-kit/plugin-slo-node';
import {
  findSpanAt,
  mergeDaySpans,
  planRollups,
  replaceSpan,
  upsertHourSpan,
} from './rollupSpans';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const AT = Date.UTC(2026, 0, 10, 12, 30);

function span(start: number, durationMs: number, good = 1): RollupSpan {
  return {
    start,
    durationMs,
    good,
    total: 2,
    minutesWithData: 60,
    slicesWithData: 12,
    goodSlices: 6,
    sliceRatioSum: 6,
  };
}

describe('planRollups', () => {
  it('allows whole days between the window start and the longest burn window only', () => {
    const plan = planRollups({
      windowStart: AT - 30 * DAY,
      burnWindowStart: AT - 3 * DAY,
      at: AT,
    });
    expect(plan).toEqual({
      from: Date.UTC(2025, 11, 11, 12),
      dayFrom: Date.UTC(2025, 11, 12),
      dayTo: Date.UTC(2026, 0, 7),
      to: Date.UTC(2026, 0, 10, 13),
    });
  });

  it('allows no days when the window is shorter than the burn windows', () => {
    const plan = planRollups({
      windowStart: AT - DAY,
      burnWindowStart: AT - 3 * DAY,
      at: AT,
    });
    expect(plan.dayFrom).toBe(plan.dayTo);
    expect(plan.from).toBe(Date.UTC(2026, 0, 7, 12));
  });
});

describe('rollup span lists', () => {
  const day = Date.UTC(2026, 0, 1);

  it('sums the hours of eligible days into one entry each and keeps the rest', () => {
    const spans = [
      span(day - HOUR, HOUR),
      span(day + HOUR, HOUR, 1),
      span(day + 7 * HOUR, HOUR, 2),
      span(day + DAY, DAY, 5),
      span(day + 2 * DAY + HOUR, HOUR, 3),
      span(day + 3 * DAY, HOUR, 4),
    ];
    mergeDaySpans(spans, {
      from: day - HOUR,
      dayFrom: day,
      dayTo: day + 3 * DAY,
      to: day + 4 * DAY,
    });
    expect(spans.map(s => [s.start, s.durationMs, s.good, s.total])).toEqual([
      [day - HOUR, HOUR, 1, 2],
      [day, DAY, 3, 4],
      [day + DAY, DAY, 5, 2],
      [day + 2 * DAY, DAY, 3, 2],
      [day + 3 * DAY, HOUR, 4, 2],
    ]);
  });

  it('never puts an hour inside a day entry and reports that day instead', () => {
    const spans = [span(day, DAY), span(day + DAY, HOUR)];
    expect(upsertHourSpan(spans, span(day + 5 * HOUR, HOUR))).toBe(day);
    expect(upsertHourSpan(spans, span(day, HOUR))).toBe(day);
    expect(upsertHourSpan(spans, span(day + DAY, HOUR, 9))).toBeUndefined();
    expect(upsertHourSpan(spans, span(day + DAY + HOUR, HOUR))).toBeUndefined();
    expect(spans.map(s => [s.start, s.good])).toEqual([
      [day, 1],
      [day + DAY, 9],
      [day + DAY + HOUR, 1],
    ]);
    expect(findSpanAt(spans, day + 23 * HOUR)?.start).toBe(day);
    expect(findSpanAt(spans, day + DAY + 2 * HOUR)).toBeUndefined();

    replaceSpan(spans, day, [
      span(day + 2 * HOUR, HOUR),
      span(day + 3 * HOUR, HOUR),
    ]);
    expect(spans.map(s => s.start)).toEqual([
      day + 2 * HOUR,
      day + 3 * HOUR,
      day + DAY,
      day + DAY + HOUR,
    ]);
  });
});
