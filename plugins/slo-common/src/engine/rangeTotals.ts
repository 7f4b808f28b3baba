/**
 * Sums of SLI data over a time range: the fields of an hourly rollup without
 * its start. Rollups of consecutive hours add up to the totals of their range.
 */
export interface RangeTotals {
  good: number;
  total: number;
  /** Minute buckets with total > 0 (or a value) in the range. */
  minutesWithData: number;
  /** Time slices with data in the range. */
  slicesWithData: number;
  /** Time slices judged good in the range. */
  goodSlices: number;
  /** Sum of per-slice good/total ratios (RatioTimeslices). */
  sliceRatioSum: number;
}

/** Totals of a range without data. */
export function emptyRangeTotals(): RangeTotals {
  return {
    good: 0,
    total: 0,
    minutesWithData: 0,
    slicesWithData: 0,
    goodSlices: 0,
    sliceRatioSum: 0,
  };
}

/** Adds the sums of `part` (totals or a rollup) to `into`. */
export function addRangeTotals(into: RangeTotals, part: RangeTotals): void {
  into.good += part.good;
  into.total += part.total;
  into.minutesWithData += part.minutesWithData;
  into.slicesWithData += part.slicesWithData;
  into.goodSlices += part.goodSlices;
  into.sliceRatioSum += part.sliceRatioSum;
}
