import type {
  BudgetingMethod,
  SloDefinition,
  TimeWindow,
} from '../openslo/types';
import type { MinuteBucket } from './types';
import { evaluateSlo } from './evaluateSlo';
import { computeHourRollup } from './computeHourRollup';
import { minuteTailHours } from './minuteTailHours';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
const AT = Date.parse('2026-06-30T00:00:00Z');
const THIRTY_DAYS: TimeWindow = {
  kind: 'rolling',
  duration: '30d',
  durationMinutes: 43200,
};

function slo(
  method: BudgetingMethod,
  extra: Partial<SloDefinition['objectives'][0]> = {},
  timeWindow = THIRTY_DAYS,
): SloDefinition {
  return {
    name: 'checkout-availability',
    indicator: {
      kind: 'ratio',
      counter: false,
      numerator: 'good',
      numeratorSource: { type: 'push' },
      totalSource: { type: 'push' },
    },
    timeWindow,
    budgetingMethod: method,
    objectives: [
      {
        target: 0.999,
        ...(method === 'Timeslices' ? { timeSliceTarget: 0.99 } : {}),
        ...extra,
      },
    ],
  };
}

/** One bucket per minute in [from, to) with the given counts. */
function steady(
  from: number,
  to: number,
  good: number,
  total: number,
): MinuteBucket[] {
  const out: MinuteBucket[] = [];
  for (let t = from; t < to; t += MINUTE) out.push({ start: t, good, total });
  return out;
}

function hasNaN(value: unknown): boolean {
  if (typeof value === 'number') return Number.isNaN(value);
  if (value && typeof value === 'object')
    return Object.values(value).some(hasNaN);
  return false;
}

describe('evaluateSlo', () => {
  it('allows 43.2 bad minutes for 99.9% over 30 days (time slices)', () => {
    const result = evaluateSlo(
      slo('Timeslices'),
      { minutes: steady(AT - DAY, AT, 100, 100) },
      AT,
    );
    expect(result.errorBudget).toEqual({
      total: 43.2,
      consumed: 0,
      remaining: 1,
      unit: 'minutes',
    });
    expect(result.periodMinutes).toBe(43200);
    expect(result.sli).toBe(1);
  });

  it('counts bad slices against the time-slice budget', () => {
    const minutes = steady(AT - DAY, AT, 100, 100);
    // 10 bad minutes (ratio 0.98 < slice target 0.99), 1 at exactly the target (good).
    for (let i = 0; i < 10; i++) minutes[i] = { ...minutes[i], good: 98 };
    minutes[500] = { ...minutes[500], good: 99 };
    const result = evaluateSlo(slo('Timeslices'), { minutes }, AT);
    expect(result.errorBudget.consumed).toBeCloseTo(10 / 43.2, 12);
    expect(result.sli).toBeCloseTo(1 - 10 / 1440, 12);
    expect(result.dataCoverage).toBeCloseTo(1440 / 43200, 12);
  });

  it('budgets bad events for Occurrences', () => {
    // 1,000,000 events in the window, 500 bad: budget 1000 events, half used.
    const minutes = steady(
      AT - 10 * DAY,
      AT - 10 * DAY + 1000 * MINUTE,
      1000,
      1000,
    );
    minutes[0] = { ...minutes[0], good: 500 };
    const result = evaluateSlo(slo('Occurrences'), { minutes }, AT);
    expect(result.sli).toBe(0.9995);
    expect(result.errorBudget.unit).toBe('events');
    expect(result.errorBudget.total).toBeCloseTo(1000, 9);
    expect(result.errorBudget.consumed).toBeCloseTo(0.5, 12);
    expect(result.errorBudget.remaining).toBeCloseTo(0.5, 12);
    expect(result.status).toBe('healthy');
    // Nothing in the last 3 days: burn rates have no data.
    expect(Object.values(result.burnRates)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(result.exhaustion.at).toBeNull();
  });

  it('uses the mean slice ratio for RatioTimeslices', () => {
    const minutes = [
      { start: AT - 3 * MINUTE, good: 1, total: 2 }, // 0.5
      { start: AT - 2 * MINUTE, good: 1000, total: 1000 }, // 1
    ];
    const result = evaluateSlo(
      slo('RatioTimeslices', { target: 0.9 }),
      { minutes },
      AT,
    );
    expect(result.sli).toBe(0.75);
    expect(result.errorBudget.total).toBeCloseTo(4320, 9);
    expect(result.errorBudget.consumed).toBeCloseTo(2.5, 12);
    expect(result.errorBudget.remaining).toBeCloseTo(-1.5, 12);
    expect(result.status).toBe('critical');
    expect(result.burnRates['5m']).toBe(2.5);
  });

  it.each([
    ['no buckets', []],
    ['only zero-total buckets', steady(AT - DAY, AT, 0, 0)],
    [
      'data only outside the window',
      steady(AT - 40 * DAY, AT - 31 * DAY, 5, 10),
    ],
  ])('reports no-data, never 100%% or NaN, for %s', (_label, minutes) => {
    for (const method of [
      'Occurrences',
      'Timeslices',
      'RatioTimeslices',
    ] as const) {
      const result = evaluateSlo(slo(method), { minutes }, AT);
      expect(result.status).toBe('no-data');
      expect(result.sli).toBeNull();
      expect(result.dataCoverage).toBe(0);
      expect(result.exhaustion.at).toBeNull();
      expect(result.alerts.some(a => a.firing)).toBe(false);
      expect(Object.values(result.burnRates).every(r => r === null)).toBe(true);
      // Nothing is known about the budget: null, never 0% used or 100% left.
      expect(result.errorBudget.consumed).toBeNull();
      expect(result.errorBudget.remaining).toBeNull();
      expect(hasNaN(result)).toBe(false);
    }
  });

  it('gives no-data with zero coverage, not NaN, at the first instant of a calendar period', () => {
    const window: TimeWindow = {
      kind: 'calendar',
      duration: '1M',
      amount: 1,
      unit: 'M',
      startTime: '2020-01-01 00:00:00',
      timeZone: 'America/New_York',
    };
    const at = Date.parse('2026-11-01T04:00:00Z');
    const result = evaluateSlo(
      slo('Occurrences', {}, window),
      { minutes: steady(at - DAY, at, 1, 1) },
      at,
    );
    expect(result.window).toEqual({
      start: '2026-11-01T04:00:00.000Z',
      end: '2026-11-01T04:00:00.000Z',
    });
    expect(result.periodMinutes).toBe(43260);
    expect(result.status).toBe('no-data');
    expect(result.dataCoverage).toBe(0);
    // Burn rates look back across the period boundary.
    expect(result.burnRates['1h']).toBe(0);
  });

  it.each([
    ['Occurrences', 0, 'events'],
    ['Timeslices', 43.26, 'minutes'],
    ['RatioTimeslices', 43.26, 'minutes'],
  ] as const)(
    'gives %s no budget and no forecast when only the day before the period burned',
    (method, total, unit) => {
      const window: TimeWindow = {
        kind: 'calendar',
        duration: '1M',
        amount: 1,
        unit: 'M',
        startTime: '2020-01-01 00:00:00',
        timeZone: 'America/New_York',
      };
      const at = Date.parse('2026-11-01T04:00:00Z');
      const result = evaluateSlo(
        slo(method, { timeSliceTarget: 0.9 }, window),
        { minutes: steady(at - DAY, at, 5, 10) },
        at,
      );
      // The 1d burn rate is high, but the period holds no data yet.
      expect(result.burnRates['1d']).toBeGreaterThan(1);
      expect(result.status).toBe('no-data');
      expect(result.errorBudget).toEqual({
        total,
        consumed: null,
        remaining: null,
        unit,
      });
      expect(result.exhaustion.at).toBeNull();
    },
  );

  it('fires the fast page alert when both 1h and 5m burn at exactly 14.4', () => {
    // 5 good hours, then an hour of 10,000 events a minute with 144 bad:
    // bad fraction 1.44% = 14.4 x the 0.1% allowance; the 6h rate is 14.4 / 6 = 2.4.
    const minutes = [
      ...steady(AT - 360 * MINUTE, AT - 60 * MINUTE, 10_000, 10_000),
      ...steady(AT - 60 * MINUTE, AT, 10_000 - 144, 10_000),
    ];
    const result = evaluateSlo(slo('Occurrences'), { minutes }, AT);
    expect(result.burnRates['1h']).toBe(14.4);
    expect(result.burnRates['5m']).toBe(14.4);
    const page = result.alerts[0];
    expect(page).toMatchObject({
      severity: 'page',
      longWindow: '1h',
      shortWindow: '5m',
      factor: 14.4,
      firing: true,
    });
    expect(result.burnRates['6h']).toBe(2.4);
    // 6h at 2.4 < 6 stops the slow page; 3d (2.4) and 6h (2.4) ≥ 1 raise the slow ticket.
    expect(result.alerts.slice(1).map(a => a.firing)).toEqual([
      false,
      false,
      true,
    ]);
    expect(result.status).toBe('critical');
  });

  it('does not page when the short window has recovered', () => {
    const minutes = [
      ...steady(AT - 60 * MINUTE, AT - 5 * MINUTE, 9_000, 10_000),
      ...steady(AT - 5 * MINUTE, AT, 10_000, 10_000),
    ];
    const result = evaluateSlo(slo('Occurrences'), { minutes }, AT);
    expect(result.burnRates['1h']! > 14.4).toBe(true);
    expect(result.burnRates['5m']).toBe(0);
    expect(result.alerts[0].firing).toBe(false);
  });

  it('warns below 25% remaining and forecasts exhaustion from the 1-day burn rate', () => {
    // 30 days of 1000 events/min with a steady 0.08% bad: 80% of the budget used, burn rate 0.8.
    const minutes = steady(AT - 30 * DAY, AT, 9992, 10_000);
    const result = evaluateSlo(slo('Occurrences'), { minutes }, AT);
    expect(result.errorBudget.consumed).toBeCloseTo(0.8, 9);
    expect(result.burnRates['1d']).toBe(0.8);
    expect(result.status).toBe('warning');
    // time left = remaining · P / b = 0.2 · 30 d / 0.8 = 7.5 days
    expect(result.exhaustion.at).toBe(new Date(AT + 7.5 * DAY).toISOString());
    expect(result.dataCoverage).toBe(1);
  });

  it('has no exhaustion forecast once the budget is spent', () => {
    const result = evaluateSlo(
      slo('Occurrences'),
      { minutes: steady(AT - DAY, AT, 0, 10) },
      AT,
    );
    expect(result.errorBudget.remaining).toBeLessThan(0);
    expect(result.exhaustion.at).toBeNull();
    expect(result.status).toBe('critical');
  });

  it('truncates `at` to its minute: the minute in progress is not counted', () => {
    const minutes = [{ start: AT, good: 0, total: 10 }];
    const result = evaluateSlo(slo('Occurrences'), { minutes }, AT + 30_000);
    expect(result.at).toBe(new Date(AT).toISOString());
    expect(result.status).toBe('no-data');
  });

  it('keeps the last write when a bucket is given twice', () => {
    const minutes = [
      { start: AT - MINUTE, good: 0, total: 10 },
      { start: AT - MINUTE, good: 10, total: 10 },
    ];
    expect(evaluateSlo(slo('Occurrences'), { minutes }, AT).sli).toBe(1);
  });

  it('judges threshold metrics by each minute value', () => {
    const latency: SloDefinition = {
      ...slo('Occurrences', { target: 0.9, op: 'lte', value: 250 }),
      indicator: { kind: 'threshold', source: { type: 'push' } },
    };
    const minutes = [
      { start: AT - 4 * MINUTE, good: 1, total: 1, value: 200 },
      { start: AT - 3 * MINUTE, good: 1, total: 1, value: 250 },
      { start: AT - 2 * MINUTE, good: 1, total: 1, value: 251 },
      { start: AT - 1 * MINUTE, good: 0, total: 1, value: null }, // pre-judged by the sender
    ];
    expect(evaluateSlo(latency, { minutes }, AT).sli).toBe(0.5);
  });

  it('evaluates the objective asked for', () => {
    const two: SloDefinition = {
      ...slo('Occurrences'),
      objectives: [{ target: 0.999 }, { target: 0.9, displayName: 'relaxed' }],
    };
    const minutes = steady(AT - 10 * MINUTE, AT, 95, 100);
    expect(
      evaluateSlo(two, { minutes }, AT, { objectiveIndex: 1 }).objective,
    ).toEqual({ target: 0.9, displayName: 'relaxed' });
    expect(
      evaluateSlo(two, { minutes }, AT, { objectiveIndex: 1 }).errorBudget
        .consumed,
    ).toBeCloseTo(0.5, 12);
    expect(() =>
      evaluateSlo(two, { minutes }, AT, { objectiveIndex: 2 }),
    ).toThrow('there is no objective 2');
  });

  it('reads whole hours from rollups and the rest from minutes', () => {
    const definition = slo('Timeslices', { timeSliceWindowMinutes: 5 });
    const minutes = steady(AT - 3 * DAY - 30 * MINUTE, AT, 98, 100);
    const hour = 3_600_000;
    const rollups = [];
    for (let h = AT - 3 * DAY; h < AT; h += hour) {
      rollups.push(
        computeHourRollup(
          definition,
          h,
          minutes.filter(m => m.start >= h && m.start < h + hour),
        ),
      );
    }
    // Minutes are needed only before the first rollup and for the hours a
    // window covers in part; AT is on an hour, so that is the hour before it.
    const tailHours = minuteTailHours(definition, AT);
    expect(tailHours).toEqual([AT - hour]);
    const tails = minutes.filter(
      m => m.start < AT - 3 * DAY || m.start >= AT - hour,
    );
    expect(evaluateSlo(definition, { rollups, minutes: tails }, AT)).toEqual(
      evaluateSlo(definition, { minutes }, AT),
    );
  });
});
