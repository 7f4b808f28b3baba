const MINUTE_MS = 60_000;

/** Exact per-minute counts of one minute of generated history. */
export interface KnownMinute {
  start: number;
  ok: number;
  errors: number;
  /** The latency gauge's value during the minute, in seconds. */
  latency: number;
}

/** Requests of minute `i`: a varying load with bursts of errors. */
function countsOf(i: number): { ok: number; errors: number } {
  return {
    ok: 40 + ((i * 7) % 23),
    errors: i % 17 === 0 ? 3 + (i % 5) : 0,
  };
}

/**
 * Generated history for a real Prometheus, with its exact minute counts:
 * counters `hist_requests_total{code="200"|"500"}` and a gauge
 * `hist_latency_seconds`, sampled every 15 s over `[from, to)`. A minute's
 * requests are counted by the sample 15 s into it. At `resetAt` the
 * `code="200"` counter restarts from zero, as after a process restart.
 * Returns the OpenMetrics text (for `promtool tsdb create-blocks-from
 * openmetrics`) and the minutes.
 */
export function knownHistory(options: {
  from: number;
  to: number;
  resetAt: number;
}): { openMetrics: string; minutes: KnownMinute[] } {
  const { from, to, resetAt } = options;
  const minutes: KnownMinute[] = [];
  const ok: string[] = [];
  const errors: string[] = [];
  const latency: string[] = [];
  let okTotal = 0;
  let errorTotal = 0;
  const sample = (lines: string[], labels: string, value: number, ms: number) =>
    lines.push(`${labels} ${value} ${ms / 1000}`);

  sample(ok, 'hist_requests_total{code="200"}', 0, from);
  sample(errors, 'hist_requests_total{code="500"}', 0, from);
  for (let start = from, i = 0; start < to; start += MINUTE_MS, i++) {
    const counts = countsOf(i);
    const gauge = 0.1 + (i % 10) * 0.05;
    minutes.push({ start, ...counts, latency: gauge });
    if (start === resetAt) okTotal = 0;
    okTotal += counts.ok;
    errorTotal += counts.errors;
    for (const offset of [15_000, 30_000, 45_000, 60_000]) {
      sample(ok, 'hist_requests_total{code="200"}', okTotal, start + offset);
      sample(
        errors,
        'hist_requests_total{code="500"}',
        errorTotal,
        start + offset,
      );
    }
    for (const offset of [15_000, 30_000, 45_000]) {
      sample(
        latency,
        'hist_latency_seconds',
        Number(gauge.toFixed(2)),
        start + offset,
      );
    }
  }
  const openMetrics = [
    '# HELP hist_requests Requests served.',
    '# TYPE hist_requests counter',
    ...ok,
    ...errors,
    '# HELP hist_latency_seconds Latency of the slowest request.',
    '# TYPE hist_latency_seconds gauge',
    ...latency,
    '# EOF',
    '',
  ].join('\n');
  return { openMetrics, minutes };
}
