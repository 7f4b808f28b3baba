import type { RollupSpan } from '@slo-kit/plugin-slo-node';
import { HeldRollups } from './HeldRollups';

const HOUR = 3_600_000;
const DAY = 86_400_000;

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

describe('HeldRollups', () => {
  const day = Date.UTC(2026, 0, 1);

  it('sums the hours of eligible days into one entry each and keeps the rest', () => {
    const spans = new HeldRollups([
      span(day - HOUR, HOUR),
      span(day + HOUR, HOUR, 1),
      span(day + 7 * HOUR, HOUR, 2),
      span(day + DAY, DAY, 5),
      span(day + 2 * DAY + HOUR, HOUR, 3),
      span(day + 3 * DAY, HOUR, 4),
    ]);
    spans.mergeDays({
      from: day - HOUR,
      dayFrom: day,
      dayTo: day + 3 * DAY,
      to: day + 4 * DAY,
    });
    expect(
      spans.spansBefore().map(s => [s.start, s.durationMs, s.good, s.total]),
    ).toEqual([
      [day - HOUR, HOUR, 1, 2],
      [day, DAY, 3, 4],
      [day + DAY, DAY, 5, 2],
      [day + 2 * DAY, DAY, 3, 2],
      [day + 3 * DAY, HOUR, 4, 2],
    ]);
  });

  it('never puts an hour inside a day entry and reports that day instead', () => {
    const spans = new HeldRollups([span(day, DAY), span(day + DAY, HOUR)]);
    expect(spans.upsertHour(span(day + 5 * HOUR, HOUR))).toBe(day);
    expect(spans.upsertHour(span(day, HOUR))).toBe(day);
    expect(spans.upsertHour(span(day + DAY, HOUR, 9))).toBeUndefined();
    expect(spans.upsertHour(span(day + DAY + HOUR, HOUR))).toBeUndefined();
    expect(spans.spansBefore().map(s => [s.start, s.good])).toEqual([
      [day, 1],
      [day + DAY, 9],
      [day + DAY + HOUR, 1],
    ]);
    expect(spans.entryAt(day + 23 * HOUR)?.start).toBe(day);
    expect(spans.entryAt(day + DAY + 2 * HOUR)).toBeUndefined();

    spans.replace(day, [
      span(day + 2 * HOUR, HOUR),
      span(day + 3 * HOUR, HOUR),
    ]);
    expect(spans.spansBefore().map(s => s.start)).toEqual([
      day + 2 * HOUR,
      day + 3 * HOUR,
      day + DAY,
      day + DAY + HOUR,
    ]);
  });
  it('gives the entries before an instant, drops old ones and finds the newest data', () => {
    const spans = new HeldRollups([
      span(day, DAY),
      span(day + DAY, HOUR),
      { ...span(day + DAY + HOUR, HOUR), total: 0 },
      { ...span(day + DAY + 2 * HOUR, HOUR), total: 0 },
      span(day + DAY + 3 * HOUR, HOUR),
    ]);
    expect(spans.spansBefore(day + DAY + 3 * HOUR).map(s => s.start)).toEqual([
      day,
      day + DAY,
      day + DAY + HOUR,
      day + DAY + 2 * HOUR,
    ]);
    expect(spans.newestDataEndBefore(day + DAY + 3 * HOUR)).toBe(
      day + DAY + HOUR,
    );
    expect(spans.newestDataEndBefore()).toBe(day + DAY + 4 * HOUR);
    spans.dropBefore(day + DAY + HOUR);
    expect(spans.length).toBe(3);
    expect(spans.newestDataEndBefore(day + DAY + 3 * HOUR)).toBeNull();
  });

  it('grows past its first capacity and keeps every entry in order', () => {
    const spans = new HeldRollups();
    for (let h = 99; h >= 0; h--) {
      expect(spans.upsertHour(span(day + h * HOUR, HOUR, h))).toBeUndefined();
    }
    const held = spans.spansBefore();
    expect(held).toHaveLength(100);
    expect(held.map(s => s.good)).toEqual(
      Array.from({ length: 100 }, (_, h) => h),
    );
    expect(held[42]).toEqual(span(day + 42 * HOUR, HOUR, 42));
  });
});
