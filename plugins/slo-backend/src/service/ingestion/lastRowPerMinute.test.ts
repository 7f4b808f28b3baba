import type { MinuteBucketRow } from '@slo-kit/plugin-slo-node';
import { lastRowPerMinute } from './lastRowPerMinute';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 10, 12, 0);

function row(
  sloKey: number,
  bucketStart: number,
  good: number,
): MinuteBucketRow {
  return { sloKey, bucketStart, good, total: 10 };
}

describe('lastRowPerMinute', () => {
  it('sorts by SLO, then minute, and keeps the last row of a repeated minute', () => {
    const rows = [
      row(2, T0 + MINUTE, 1),
      row(1, T0, 1),
      row(2, T0, 1),
      row(1, T0, 2),
      row(2, T0 + MINUTE, 2),
      row(1, T0, 3),
    ];
    expect(lastRowPerMinute(rows)).toEqual([
      row(1, T0, 3),
      row(2, T0, 1),
      row(2, T0 + MINUTE, 2),
    ]);
  });

  it('gives the same result for keys and minutes too large for one number, by comparing', () => {
    const huge = 2 ** 26;
    const rows = [
      row(huge, T0, 1),
      row(5, T0, 1),
      row(huge, T0, 2),
      row(5, -MINUTE, 1),
    ];
    expect(lastRowPerMinute(rows)).toEqual([
      row(5, -MINUTE, 1),
      row(5, T0, 1),
      row(huge, T0, 2),
    ]);
  });

  it('agrees with a sort by comparator on a large shuffled batch with repeats', () => {
    const rows: MinuteBucketRow[] = [];
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 10_000; i++) {
      rows.push(row(1 + random(500), T0 + random(30) * MINUTE, i));
    }
    const expected = new Map<string, MinuteBucketRow>();
    for (const r of rows) expected.set(`${r.sloKey}:${r.bucketStart}`, r);
    const sorted = [...expected.values()].sort(
      (a, b) => a.sloKey - b.sloKey || a.bucketStart - b.bucketStart,
    );
    expect(lastRowPerMinute(rows)).toEqual(sorted);
  });
});
