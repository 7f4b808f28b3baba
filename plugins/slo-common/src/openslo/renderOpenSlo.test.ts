import { renderOpenSlo, type OpenSloTemplateInput } from './renderOpenSlo';
import { parseOpenSlo } from './parseOpenSlo';

const BASE: OpenSloTemplateInput = {
  service: 'payments',
  availabilityTargetPercent: 99.9,
  latencyThresholdMs: 300,
  latencyTargetPercent: 99,
  window: '30d',
};

describe('renderOpenSlo', () => {
  it.each([
    ['a rolling 30-day window', BASE],
    [
      'a rolling 28-day window with Timeslices',
      {
        ...BASE,
        window: '28d' as const,
        budgetingMethod: 'Timeslices' as const,
      },
    ],
    [
      'a calendar month in Kolkata with RatioTimeslices',
      {
        ...BASE,
        window: 'calendar-month' as const,
        timeZone: 'Asia/Kolkata',
        budgetingMethod: 'RatioTimeslices' as const,
      },
    ],
    ['Prometheus queries', { ...BASE, dataSource: 'prometheus' as const }],
  ])('renders files that parseOpenSlo accepts: %s', (_label, input) => {
    const result = parseOpenSlo(renderOpenSlo(input), 'slos.yaml');
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.slos.map(s => s.name)).toEqual([
      'payments-availability',
      'payments-latency',
    ]);
    expect(result.slos.map(s => s.objectives[0].target)).toEqual([0.999, 0.99]);
    expect(
      result.slos.every(
        s => s.budgetingMethod === (input.budgetingMethod ?? 'Occurrences'),
      ),
    ).toBe(true);
  });

  it('writes the calendar zone and the latency bucket into the result', () => {
    const yaml = renderOpenSlo({
      ...BASE,
      window: 'calendar-month',
      timeZone: 'Europe/Berlin',
      dataSource: 'prometheus',
    });
    const result = parseOpenSlo(yaml, 'slos.yaml');
    expect(result.ok && result.slos[0].timeWindow).toMatchObject({
      kind: 'calendar',
      unit: 'M',
      timeZone: 'Europe/Berlin',
    });
    expect(yaml).toContain(
      'http_request_duration_seconds_bucket{service="payments",le="0.3"}',
    );
  });

  it('rejects invalid choices, naming each field', () => {
    expect(() =>
      renderOpenSlo({
        ...BASE,
        service: 'Payments!',
        availabilityTargetPercent: 100,
        timeZone: 'Nowhere/City',
      }),
    ).toThrow(
      /service must be .*availabilityTargetPercent must be .*timeZone must be/,
    );
  });
});
