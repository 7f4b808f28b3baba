import { checkBucketCounts } from './checkBucketCounts';

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
});
