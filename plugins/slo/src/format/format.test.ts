import {
  availabilityDefinition,
  latencyDefinition,
} from '../__fixtures__/sloFixtures';
import {
  describeBudgetAmount,
  describeBudgetPercent,
  describeDuration,
  describeObjective,
  describeTimeWindow,
  formatBurnRate,
  formatPercent,
} from './index';

describe('formatPercent', () => {
  it('truncates so that almost-perfect never reads 100%', () => {
    expect(formatPercent(0.99999, 2)).toBe('99.99%');
    expect(formatPercent(1, 2)).toBe('100%');
    expect(formatPercent(0.999, 3)).toBe('99.9%');
    expect(formatPercent(-0.38, 0)).toBe('-38%');
  });
});

describe('describeObjective', () => {
  it('describes a rolling occurrences objective in the words of its name', () => {
    expect(describeObjective(availabilityDefinition)).toBe(
      '99.9% of requests succeed, 30 days rolling',
    );
    const latency = {
      ...availabilityDefinition,
      objectives: [
        { target: 0.99, displayName: 'Requests faster than 300 ms' },
      ],
    };
    expect(describeObjective(latency)).toBe(
      '99% of requests faster than 300 ms, 30 days rolling',
    );
  });

  it('never claims requests succeed when the objective does not say what is good', () => {
    expect(
      describeObjective({
        ...availabilityDefinition,
        objectives: [{ target: 0.995 }],
      }),
    ).toBe('99.5% of requests are good, 30 days rolling');
    expect(
      describeObjective({
        ...availabilityDefinition,
        objectives: [{ target: 0.995, displayName: 'Checkout works' }],
      }),
    ).toBe('99.5% of requests are good (Checkout works), 30 days rolling');
  });

  it('describes a calendar timeslice objective with its zone', () => {
    expect(describeObjective(latencyDefinition)).toBe(
      '99.9% of 1-minute slices have at least 95% good requests, calendar month (Europe/Berlin)',
    );
  });

  it('describes threshold slices and other windows', () => {
    expect(
      describeObjective({
        ...latencyDefinition,
        objectives: [
          { target: 0.99, op: 'lt', value: 0.3, timeSliceWindowMinutes: 5 },
        ],
      }),
    ).toBe(
      '99% of 5-minute slices keep the value < 0.3, calendar month (Europe/Berlin)',
    );
    expect(
      describeTimeWindow({
        kind: 'rolling',
        duration: '1w',
        durationMinutes: 10080,
      }),
    ).toBe('1 week rolling');
  });
});

describe('describeBudgetAmount', () => {
  it('says minutes and failed requests in words', () => {
    expect(
      describeBudgetAmount({
        total: 43.2,
        consumed: 0.28,
        remaining: 0.72,
        unit: 'minutes',
      }),
    ).toBe('31 of 43 minutes left');
    expect(
      describeBudgetAmount({
        total: 2880,
        consumed: 0.582,
        remaining: 0.418,
        unit: 'events',
      }),
    ).toBe('1,204 of 2,880 failed requests left');
  });

  it('says how far over an overspent budget is', () => {
    expect(
      describeBudgetAmount({
        total: 43.2,
        consumed: 1.5,
        remaining: -0.5,
        unit: 'minutes',
      }),
    ).toBe('22 minutes over a budget of 43');
  });

  it('says the budget is unknown without data, never 100%', () => {
    const budget = {
      total: 43.2,
      consumed: null,
      remaining: null,
      unit: 'minutes' as const,
    };
    expect(describeBudgetAmount(budget)).toBe(
      'No SLI data in the window yet, so no budget can be computed.',
    );
    expect(describeBudgetPercent(budget)).toBe('—');
  });
});

describe('describeDuration and formatBurnRate', () => {
  it('uses at most two units', () => {
    expect(describeDuration(((2 * 24 + 4) * 60 + 7) * 60_000)).toBe(
      '2 days 4 hours',
    );
    expect(describeDuration(45 * 60_000)).toBe('45 minutes');
    expect(describeDuration(10_000)).toBe('less than a minute');
  });

  it('formats burn rates and missing rates', () => {
    expect(formatBurnRate(14.4)).toBe('14.4×');
    expect(formatBurnRate(3.05)).toBe('3.05×');
    expect(formatBurnRate(null)).toBe('no data');
  });
});
