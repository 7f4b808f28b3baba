import { MAX_BUCKET_COUNT, checkBucketCounts } from './checkBucketCounts';

describe('checkBucketCounts', () => {
  it.each([
    [0, 0],
    [5, 10],
    [10, 10],
  ])('accepts good=%p total=%p', (good, total) => {
    expect(checkBucketCounts(good, total)).toEqual([]);
  });

  it.each([
    ['10', 10, 'good must be a number, got the string "10"'],
    [undefined, 10, 'good must be a number, got nothing'],
    [1, NaN, 'total must be a number, got NaN'],
    [1, Infinity, 'total must be a number, got Infinity'],
    [-1, 10, 'good must not be negative, got -1'],
    [1, -3, 'total must not be negative, got -3'],
    [1.5, 10, 'good must be a whole number of events, got 1.5'],
    [11, 10, 'good (11) must not exceed total (10)'],
  ])('rejects good=%p total=%p', (good, total, reason) => {
    expect(checkBucketCounts(good, total)).toEqual([reason]);
  });

  it('reports every problem at once', () => {
    expect(checkBucketCounts(null, 0.5)).toEqual([
      'good must be a number, got null',
      'total must be a whole number of events, got 0.5',
    ]);
  });

  it('accepts counts up to the bound of 2^33 events per minute', () => {
    expect(MAX_BUCKET_COUNT).toBe(2 ** 33);
    expect(checkBucketCounts(MAX_BUCKET_COUNT, MAX_BUCKET_COUNT)).toEqual([]);
  });

  it.each([
    [
      1,
      1e308,
      'total must be at most 8589934592 (2^33) events per minute, got 1e+308',
    ],
    [
      2 ** 33 + 1,
      2 ** 40,
      'good must be at most 8589934592 (2^33) events per minute, got 8589934593',
    ],
    [
      0,
      2 ** 53 + 2,
      'total must be at most 8589934592 (2^33) events per minute, got 9007199254740994',
    ],
  ])(
    'rejects counts above the bound so window sums stay exact: good=%p total=%p',
    (good, total, reason) => {
      expect(checkBucketCounts(good, total)).toContain(reason);
    },
  );

  it('keeps sums over 400 days of minutes of the largest counts exact integers', () => {
    expect(Number.isSafeInteger(MAX_BUCKET_COUNT * 400 * 1440)).toBe(true);
    // Even 2^20 minutes (about 728 days) stay within 2^53.
    expect(400 * 1440).toBeLessThan(2 ** 20);
    expect(MAX_BUCKET_COUNT * 2 ** 20).toBeLessThanOrEqual(2 ** 53);
  });
});
