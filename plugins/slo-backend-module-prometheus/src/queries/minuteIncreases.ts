/** A range-query series: its labels and `[unix seconds, value]` samples. */
export interface PromSeries {
  metric: Record<string, string>;
  values: Array<[number, string]>;
}

const MINUTE_MS = 60_000;

/**
 * Per-minute increases of counter series, summed over the series, from the
 * series' values at every UTC minute boundary `from, from + 1m, …, to`
 * (a range query with a one-minute step evaluated on those boundaries: each
 * value is the series' latest sample at or before the boundary).
 *
 * The increase of minute `[t, t + 1m)` is `value(t + 1m) - value(t)` per
 * series, so minutes add up exactly: the sum over any run of minutes is the
 * counter's growth between the first and last boundary, with no
 * extrapolation. A drop in value is a counter reset: the minute then counts
 * the new value (the counter restarted from zero), as Prometheus' own
 * `increase()` does. A series absent at `t` (not scraped yet, or stale) has
 * no increase for that minute; its value at `t + 1m` is its starting point.
 * A minute where no series has values at both ends has no data: it is left
 * out, never reported as zero.
 *
 * Returns a map from minute start (epoch ms) to the summed increase.
 */
export function minuteIncreases(
  series: PromSeries[],
  from: number,
  to: number,
): Map<number, number> {
  const increases = new Map<number, number>();
  for (const { values } of series) {
    const byBoundary = new Map<number, number>();
    for (const [seconds, raw] of values) {
      const value = Number(raw);
      if (Number.isFinite(value))
        byBoundary.set(Math.round(seconds * 1000), value);
    }
    for (let minute = from; minute < to; minute += MINUTE_MS) {
      const before = byBoundary.get(minute);
      const after = byBoundary.get(minute + MINUTE_MS);
      if (before === undefined || after === undefined) continue;
      const increase = after >= before ? after - before : after;
      increases.set(minute, (increases.get(minute) ?? 0) + increase);
    }
  }
  return increases;
}

/**
 * Values of gauge-like series at the end of each minute `[t, t + 1m)` of
 * `[from, to)` (a range query evaluated on the boundaries `from + 1m … to`).
 * Returns a map from minute start to the value; several series are an error
 * the caller reports (a threshold needs one value per minute).
 */
export function minuteEndValues(
  series: PromSeries,
  from: number,
  to: number,
): Map<number, number> {
  const values = new Map<number, number>();
  for (const [seconds, raw] of series.values) {
    const value = Number(raw);
    const minute = Math.round(seconds * 1000) - MINUTE_MS;
    if (Number.isFinite(value) && minute >= from && minute < to) {
      values.set(minute, value);
    }
  }
  return values;
}
