import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { BudgetingMethod, SloDefinition } from '../openslo/types';
import type { MinuteBucket, SloEvaluation } from './types';
import { evaluateSlo } from './evaluateSlo';
import { computeHourRollup } from './computeHourRollup';
import { minuteTailHours } from './minuteTailHours';

/*
 * A deliberately naive reference implementation of the brief's budget
 * semantics: it walks every minute of every range, one at a time, keeps slices
 * in a Map, and shares no code with the engine.
 */
const MINUTE = 60_000;
const HOUR = 3_600_000;

interface Naive {
  sli: number | null;
  budgetTotal: number;
  consumed: number | null;
  remaining: number | null;
  burnRates: Record<string, number | null>;
  firing: boolean[];
  coverage: number;
  status: string;
  exhaustionMs: number | null;
  periodMinutes: number;
}

function naiveMeets(measured: number, op: string, limit: number): boolean {
  if (op === 'lt') return measured < limit;
  if (op === 'lte') return measured <= limit;
  if (op === 'gt') return measured > limit;
  return measured >= limit;
}

function naiveEvaluate(
  slo: SloDefinition,
  minutes: MinuteBucket[],
  at: number,
): Naive {
  const objective = slo.objectives[0];
  const target = objective.target;
  const allowance = 1 - target;
  const sliceMinutes =
    slo.budgetingMethod === 'Occurrences'
      ? 1
      : objective.timeSliceWindowMinutes ?? 1;
  const sliceTarget = objective.timeSliceTarget ?? 1;
  const byStart = new Map<number, MinuteBucket>();
  for (const m of minutes) byStart.set(m.start, m);

  const now = at - (at % MINUTE);
  let start: number;
  let periodMinutes: number;
  if (slo.timeWindow.kind === 'rolling') {
    periodMinutes = slo.timeWindow.durationMinutes;
    start = now - periodMinutes * MINUTE;
  } else {
    // Only whole calendar months starting on the 1st are generated below.
    const local = DateTime.fromMillis(now, {
      zone: slo.timeWindow.timeZone,
    }).startOf('month');
    start = local.toMillis();
    periodMinutes = (local.plus({ months: 1 }).toMillis() - start) / MINUTE;
  }

  const range = (from: number, to: number) => {
    let good = 0;
    let total = 0;
    let withData = 0;
    const slices = new Map<number, { good: number; total: number }>();
    for (let t = from; t < to; t += MINUTE) {
      const b = byStart.get(t);
      if (!b) continue;
      let g = b.good;
      let n = b.total;
      if (slo.indicator.kind === 'threshold' && typeof b.value === 'number') {
        g = naiveMeets(b.value, objective.op!, objective.value!) ? 1 : 0;
        n = 1;
      }
      if (n <= 0) continue;
      good += g;
      total += n;
      withData += 1;
      const key = Math.floor(t / (sliceMinutes * MINUTE));
      const s = slices.get(key) ?? { good: 0, total: 0 };
      s.good += g;
      s.total += n;
      slices.set(key, s);
    }
    const ratios = [...slices.values()].map(s => s.good / s.total);
    const goodSlices = ratios.filter(r => r >= sliceTarget).length;
    return { good, total, withData, ratios, goodSlices };
  };

  const badFraction = (r: ReturnType<typeof range>): number | null => {
    if (r.total === 0) return null;
    if (slo.budgetingMethod === 'Occurrences')
      return (r.total - r.good) / r.total;
    if (slo.budgetingMethod === 'Timeslices')
      return (r.ratios.length - r.goodSlices) / r.ratios.length;
    return 1 - r.ratios.reduce((a, b) => a + b, 0) / r.ratios.length;
  };

  const w = range(start, now);
  const bad = badFraction(w);
  const sli = bad === null ? null : 1 - bad;
  let budgetTotal: number;
  let consumed: number;
  if (slo.budgetingMethod === 'Occurrences') {
    budgetTotal = allowance * w.total;
    consumed = w.total === 0 ? 0 : (w.total - w.good) / budgetTotal;
  } else if (slo.budgetingMethod === 'Timeslices') {
    budgetTotal = allowance * periodMinutes;
    consumed = ((w.ratios.length - w.goodSlices) * sliceMinutes) / budgetTotal;
  } else {
    budgetTotal = allowance * periodMinutes;
    consumed = sli === null ? 0 : (1 - sli) / allowance;
  }
  // No data in the window: nothing is known about the budget.
  const noData = w.total === 0;
  const remaining = noData ? null : 1 - consumed;

  const windows: Record<string, number> = {
    '5m': 5,
    '30m': 30,
    '1h': 60,
    '2h': 120,
    '6h': 360,
    '1d': 1440,
    '3d': 4320,
  };
  const burnRates: Record<string, number | null> = {};
  for (const [label, length] of Object.entries(windows)) {
    const b = badFraction(range(now - length * MINUTE, now));
    burnRates[label] = b === null ? null : b / allowance;
  }
  const alerts: Array<[string, string, number, boolean]> = [
    ['1h', '5m', 0.02, true],
    ['6h', '30m', 0.05, true],
    ['1d', '2h', 0.1, false],
    ['3d', '6h', 0.1, false],
  ];
  const firing = alerts.map(([long, short, share]) => {
    const factor = (share * periodMinutes) / windows[long];
    const l = burnRates[long];
    const s = burnRates[short];
    return l !== null && s !== null && l >= factor - 1e-9 && s >= factor - 1e-9;
  });
  let status: string;
  if (remaining === null) status = 'no-data';
  else if (remaining <= 0 || firing[0] || firing[1]) status = 'critical';
  else if (remaining < 0.25 || firing[2] || firing[3]) status = 'warning';
  else status = 'healthy';
  const day = burnRates['1d'];
  const exhaustionMs =
    remaining !== null && remaining > 0 && day !== null && day > 0
      ? now + ((remaining * periodMinutes) / day) * MINUTE
      : null;
  const windowMinutes = (now - start) / MINUTE;
  return {
    sli,
    budgetTotal,
    consumed: noData ? null : consumed,
    remaining,
    burnRates,
    firing,
    coverage: windowMinutes > 0 ? w.withData / windowMinutes : 0,
    status,
    exhaustionMs,
    periodMinutes,
  };
}

function expectClose(
  actual: number | null,
  expected: number | null,
  what: string,
) {
  if (expected === null || actual === null) {
    expect({ what, value: actual }).toEqual({ what, value: expected });
    return;
  }
  const tolerance = 1e-9 * Math.max(1, Math.abs(expected));
  if (Math.abs(actual - expected) > tolerance) {
    throw new Error(`${what}: expected ${expected}, got ${actual}`);
  }
}

function expectMatchesReference(result: SloEvaluation, reference: Naive) {
  expect(result.periodMinutes).toBe(reference.periodMinutes);
  expectClose(result.sli, reference.sli, 'sli');
  expectClose(result.errorBudget.total, reference.budgetTotal, 'budget total');
  expectClose(result.errorBudget.consumed, reference.consumed, 'consumed');
  expectClose(result.errorBudget.remaining, reference.remaining, 'remaining');
  for (const [label, rate] of Object.entries(reference.burnRates)) {
    expectClose(
      result.burnRates[label as keyof SloEvaluation['burnRates']],
      rate,
      `burn rate ${label}`,
    );
  }
  expectClose(result.dataCoverage, reference.coverage, 'coverage');
  // Values that sit exactly on a threshold may flip with floating-point noise;
  // the generator below avoids such ties by using few distinct ratios.
  expect(result.alerts.map(a => a.firing)).toEqual(reference.firing);
  expect(result.status).toBe(reference.status);
  if (reference.exhaustionMs === null) {
    expect(result.exhaustion.at).toBeNull();
  } else {
    // The engine rounds burn rates to 12 significant digits, so a forecast far
    // ahead (a tiny 1d rate) may differ by more than the 1 ms ISO truncation.
    const timeLeft = reference.exhaustionMs - Date.parse(result.at);
    expect(
      Math.abs(Date.parse(result.exhaustion.at!) - reference.exhaustionMs),
    ).toBeLessThanOrEqual(Math.max(1, 1e-11 * timeLeft));
  }
}

/* ---------- generators ---------- */

const BASE = Date.UTC(2026, 2, 20, 0, 0); // spans the US DST change

interface Scenario {
  slo: SloDefinition;
  minutes: MinuteBucket[];
  at: number;
}

const methodArb = fc.constantFrom<BudgetingMethod>(
  'Occurrences',
  'Timeslices',
  'RatioTimeslices',
);

const sloArb: fc.Arbitrary<SloDefinition> = fc
  .record({
    method: methodArb,
    threshold: fc.boolean(),
    target: fc.constantFrom(0.9, 0.95, 0.99, 0.999, 0.5),
    sliceMinutes: fc.constantFrom(1, 2, 5, 15, 60),
    sliceTarget: fc.constantFrom(0.5, 0.9, 1),
    window: fc.oneof(
      fc.record({
        kind: fc.constant('rolling' as const),
        hours: fc.integer({ min: 1, max: 96 }),
      }),
      fc.record({
        kind: fc.constant('calendar' as const),
        zone: fc.constantFrom(
          'America/New_York',
          'Asia/Kolkata',
          'UTC',
          'Australia/Lord_Howe',
        ),
      }),
    ),
  })
  .map(({ method, threshold, target, sliceMinutes, sliceTarget, window }) => ({
    name: 'generated',
    indicator: threshold
      ? { kind: 'threshold' as const, source: { type: 'push' } }
      : {
          kind: 'ratio' as const,
          counter: false,
          numerator: 'good' as const,
          numeratorSource: { type: 'push' },
          totalSource: { type: 'push' },
        },
    timeWindow:
      window.kind === 'rolling'
        ? {
            kind: 'rolling' as const,
            duration: `${window.hours}h`,
            durationMinutes: window.hours * 60,
          }
        : {
            kind: 'calendar' as const,
            duration: '1M',
            amount: 1,
            unit: 'M' as const,
            startTime: '2020-01-01 00:00:00',
            timeZone: window.zone,
          },
    budgetingMethod: method,
    objectives: [
      {
        target,
        ...(method !== 'Occurrences'
          ? { timeSliceWindowMinutes: sliceMinutes }
          : {}),
        ...(method === 'Timeslices' ? { timeSliceTarget: sliceTarget } : {}),
        ...(threshold ? { op: 'lte' as const, value: 200 } : {}),
      },
    ],
  }));

/** Sparse minute data in bursts, around `at`, with outages and gaps. */
function minutesArb(span: number): fc.Arbitrary<MinuteBucket[]> {
  const burst = fc.record({
    offset: fc.integer({ min: 0, max: span - 1 }),
    length: fc.integer({ min: 1, max: 300 }),
    total: fc.integer({ min: 0, max: 50 }),
    badShare: fc.constantFrom(0, 0, 0.02, 0.5, 1),
    value: fc.option(fc.constantFrom(100, 200, 300), { nil: undefined }),
  });
  return fc.array(burst, { maxLength: 12 }).map(bursts => {
    const out: MinuteBucket[] = [];
    for (const b of bursts) {
      for (let i = 0; i < b.length && b.offset + i < span; i++) {
        const total = b.total;
        const good = total - Math.round(total * b.badShare * ((i % 3) / 2));
        out.push({
          start: BASE + (b.offset + i) * MINUTE,
          good,
          total,
          ...(b.value !== undefined ? { value: b.value } : {}),
        });
      }
    }
    return out; // unsorted, may repeat starts: the engine keeps the last write
  });
}

const SPAN_MINUTES = 5 * 24 * 60;

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    slo: sloArb,
    minutes: minutesArb(SPAN_MINUTES),
    atMinute: fc.integer({ min: 60, max: SPAN_MINUTES + 120 }),
    atSeconds: fc.integer({ min: 0, max: 59_999 }),
  })
  .map(({ slo, minutes, atMinute, atSeconds }) => ({
    slo,
    minutes,
    at: BASE + atMinute * MINUTE + atSeconds,
  }));

/** Replaces minutes with hourly rollups wherever a rollup is enough. */
function toRollupsAndTails(
  scenario: Scenario,
  rollUp: (hour: number) => boolean,
) {
  const { slo, minutes, at } = scenario;
  const latest = new Map<number, MinuteBucket>();
  for (const m of minutes) latest.set(m.start, m);
  const byHour = new Map<number, MinuteBucket[]>();
  for (const m of latest.values()) {
    const hour = m.start - (m.start % HOUR);
    byHour.set(hour, [...(byHour.get(hour) ?? []), m]);
  }
  const tailHours = new Set(minuteTailHours(slo, at));
  const rollups = [];
  const tails: MinuteBucket[] = [];
  for (const [hour, bucket] of byHour) {
    if (rollUp(hour)) {
      rollups.push(computeHourRollup(slo, hour, bucket));
      if (tailHours.has(hour)) tails.push(...bucket);
    } else {
      tails.push(...bucket);
    }
  }
  // Rollups for hours without minutes must change nothing either.
  rollups.push(computeHourRollup(slo, BASE - 7 * HOUR, []));
  return { rollups: rollups.reverse(), minutes: tails.reverse() };
}

/** The evaluation with every value derived from a sum of ratios blanked out. */
function withoutRatios(e: SloEvaluation) {
  return {
    ...e,
    sli: e.sli === null,
    errorBudget: { ...e.errorBudget, consumed: 0, remaining: 0 },
    burnRates: Object.values(e.burnRates).map(r => r === null),
    alerts: e.alerts.map(a => ({ ...a, longBurnRate: 0, shortBurnRate: 0 })),
    exhaustion: e.exhaustion.at === null,
  };
}

describe('evaluateSlo against a naive minute-by-minute reference', () => {
  it('matches the reference from minutes alone', () => {
    fc.assert(
      fc.property(scenarioArb, scenario => {
        const result = evaluateSlo(
          scenario.slo,
          { minutes: scenario.minutes },
          scenario.at,
        );
        expectMatchesReference(
          result,
          naiveEvaluate(scenario.slo, scenario.minutes, scenario.at),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('never reports a budget without data: no-data exactly when consumed and remaining are null', () => {
    fc.assert(
      fc.property(scenarioArb, scenario => {
        const result = evaluateSlo(
          scenario.slo,
          { minutes: scenario.minutes },
          scenario.at,
        );
        const noData = result.status === 'no-data';
        expect({
          noData,
          consumed: result.errorBudget.consumed === null,
          remaining: result.errorBudget.remaining === null,
          sli: result.sli === null,
          forecastWithoutData: noData && result.exhaustion.at !== null,
        }).toEqual({
          noData,
          consumed: noData,
          remaining: noData,
          sli: noData,
          forecastWithoutData: false,
        });
      }),
      { numRuns: 150 },
    );
  });

  it('gives the same results from hourly rollups plus minute tails', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.integer({ min: 1, max: 1000 }),
        (scenario, seed) => {
          const fromMinutes = evaluateSlo(
            scenario.slo,
            { minutes: scenario.minutes },
            scenario.at,
          );
          const data = toRollupsAndTails(
            scenario,
            hour => ((hour / HOUR) * 7919 + seed) % 5 !== 0,
          );
          const fromRollups = evaluateSlo(scenario.slo, data, scenario.at);
          const { errorBudget, burnRates, sli, exhaustion } = fromRollups;
          expect(withoutRatios(fromRollups)).toEqual(
            withoutRatios(fromMinutes),
          );
          // Counts are integers and match exactly; sums of slice ratios may differ in the last bit.
          expectClose(sli, fromMinutes.sli, 'sli');
          expectClose(
            errorBudget.consumed,
            fromMinutes.errorBudget.consumed,
            'consumed',
          );
          expect(errorBudget.total).toBe(fromMinutes.errorBudget.total);
          for (const label of Object.keys(burnRates) as Array<
            keyof typeof burnRates
          >) {
            expectClose(
              burnRates[label],
              fromMinutes.burnRates[label],
              `burn rate ${label}`,
            );
          }
          expect(exhaustion.at === null).toBe(
            fromMinutes.exhaustion.at === null,
          );
          // Everything else is identical; for the methods without ratio sums, all of it is.
          const ratioFields = {
            sli,
            errorBudget,
            burnRates,
            exhaustion,
            alerts: fromRollups.alerts,
          };
          const ratioSums = scenario.slo.budgetingMethod === 'RatioTimeslices';
          expect(fromRollups).toEqual(
            ratioSums ? { ...fromMinutes, ...ratioFields } : fromMinutes,
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('ignores minutes of hours that a rollup covers completely', () => {
    const slo = fc.sample(sloArb, { numRuns: 1, seed: 42 })[0];
    const at = BASE + 10 * HOUR;
    const minutes: MinuteBucket[] = [];
    for (let t = BASE; t < at; t += MINUTE)
      minutes.push({ start: t, good: 9, total: 10 });
    const hour = BASE + 5 * HOUR;
    const rollup = computeHourRollup(
      slo,
      hour,
      minutes.filter(m => m.start >= hour && m.start < hour + HOUR),
    );
    // Stale minutes for the rolled-up hour are ignored in favour of its rollup.
    const stale = minutes.map(m =>
      m.start >= hour && m.start < hour + HOUR ? { ...m, good: 0 } : m,
    );
    expect(evaluateSlo(slo, { rollups: [rollup], minutes: stale }, at)).toEqual(
      evaluateSlo(slo, { minutes }, at),
    );
  });
});
