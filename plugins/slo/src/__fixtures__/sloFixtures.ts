import type { Entity } from '@backstage/catalog-model';
import {
  sloIdOf,
  type EntitySlosResponse,
  type PortfolioItem,
  type SloDefinition,
  type SloEvaluation,
  type SloHistoryResponse,
  type SloSummary,
} from '@slo-kit/plugin-slo-common';
import {
  rollingWindow,
  sloDefinition,
} from '@slo-kit/plugin-slo-common/testUtils';

/** Fixed "now" for every fixture: evaluations are made at this instant. */
export const FIXTURE_NOW = new Date('2026-03-10T12:00:00.000Z');

export const checkoutEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout-api',
    namespace: 'default',
    annotations: {
      'slo-kit.dev/openslo-ref': './slos.yaml',
      'slo-kit.dev/sre-owner': 'group:default/sre',
    },
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/payments',
  },
};

export const entityWithoutSlos: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'legacy-batch', namespace: 'default' },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/payments',
  },
};

export const availabilityDefinition: SloDefinition = sloDefinition(
  'availability',
  {
    displayName: 'Checkout availability',
    service: 'checkout-api',
    indicator: {
      kind: 'ratio',
      counter: true,
      numerator: 'good',
      numeratorSource: {
        type: 'prometheus',
        query: 'sum(rate(http_requests_total{code!~"5.."}[1m]))',
      },
      totalSource: {
        type: 'prometheus',
        query: 'sum(rate(http_requests_total[1m]))',
      },
    },
    timeWindow: rollingWindow(30),
    objectives: [{ target: 0.999, displayName: 'Requests succeed' }],
  },
);

export const latencyDefinition: SloDefinition = sloDefinition('latency', {
  displayName: 'Checkout latency',
  service: 'checkout-api',
  timeWindow: {
    kind: 'calendar',
    duration: '1M',
    amount: 1,
    unit: 'M',
    startTime: '2022-01-01 00:00:00',
    timeZone: 'Europe/Berlin',
  },
  budgetingMethod: 'Timeslices',
  objectives: [
    { target: 0.999, timeSliceTarget: 0.95, timeSliceWindowMinutes: 1 },
  ],
});

const quietBurnRates: SloEvaluation['burnRates'] = {
  '5m': 0.4,
  '30m': 0.5,
  '1h': 0.6,
  '2h': 0.7,
  '6h': 0.8,
  '1d': 0.9,
  '3d': 0.85,
};

function alerts(
  burnRates: SloEvaluation['burnRates'],
): SloEvaluation['alerts'] {
  const specs = [
    {
      severity: 'page',
      budgetShare: 0.02,
      longWindow: '1h',
      shortWindow: '5m',
      factor: 14.4,
    },
    {
      severity: 'page',
      budgetShare: 0.05,
      longWindow: '6h',
      shortWindow: '30m',
      factor: 6,
    },
    {
      severity: 'ticket',
      budgetShare: 0.1,
      longWindow: '1d',
      shortWindow: '2h',
      factor: 3,
    },
    {
      severity: 'ticket',
      budgetShare: 0.1,
      longWindow: '3d',
      shortWindow: '6h',
      factor: 1,
    },
  ] as const;
  return specs.map(spec => {
    const longBurnRate = burnRates[spec.longWindow];
    const shortBurnRate = burnRates[spec.shortWindow];
    return {
      ...spec,
      longBurnRate,
      shortBurnRate,
      firing:
        longBurnRate !== null &&
        shortBurnRate !== null &&
        longBurnRate >= spec.factor &&
        shortBurnRate >= spec.factor,
    };
  });
}

/** Exhausted: budget overspent, fast-burn page alert firing. */
export const exhaustedEvaluation: SloEvaluation = (() => {
  const burnRates = {
    '5m': 20.5,
    '30m': 18,
    '1h': 16.2,
    '2h': 9,
    '6h': 7.5,
    '1d': 4.1,
    '3d': 2.2,
  };
  return {
    at: FIXTURE_NOW.toISOString(),
    window: {
      start: '2026-02-08T12:00:00.000Z',
      end: FIXTURE_NOW.toISOString(),
    },
    periodMinutes: 43200,
    objective: { target: 0.999 },
    sli: 0.99862,
    errorBudget: {
      total: 2880,
      consumed: 1.38,
      remaining: -0.38,
      unit: 'events',
    },
    burnRates,
    alerts: alerts(burnRates),
    exhaustion: { at: null },
    dataCoverage: 0.998,
    status: 'critical',
  };
})();

/** Burning: 72% left but a ticket alert is firing; runs out in about 2 days. */
export const burningEvaluation: SloEvaluation = (() => {
  const burnRates = {
    '5m': 3.4,
    '30m': 3.3,
    '1h': 3.2,
    '2h': 3.1,
    '6h': 2.9,
    '1d': 3.05,
    '3d': 1.4,
  };
  return {
    at: FIXTURE_NOW.toISOString(),
    window: {
      start: '2026-02-28T23:00:00.000Z',
      end: FIXTURE_NOW.toISOString(),
    },
    periodMinutes: 44640,
    objective: { target: 0.999 },
    sli: 0.99921,
    errorBudget: {
      total: 43.2,
      consumed: 0.28,
      remaining: 0.72,
      unit: 'minutes',
    },
    burnRates,
    alerts: alerts(burnRates),
    exhaustion: { at: '2026-03-12T16:00:00.000Z' },
    dataCoverage: 0.97,
    status: 'warning',
  };
})();

export const healthyEvaluation: SloEvaluation = {
  at: FIXTURE_NOW.toISOString(),
  window: { start: '2026-02-08T12:00:00.000Z', end: FIXTURE_NOW.toISOString() },
  periodMinutes: 43200,
  objective: { target: 0.999 },
  sli: 0.99958,
  errorBudget: {
    total: 2880,
    consumed: 0.582,
    remaining: 0.418,
    unit: 'events',
  },
  burnRates: quietBurnRates,
  alerts: alerts(quietBurnRates),
  exhaustion: { at: '2026-04-02T03:00:00.000Z' },
  dataCoverage: 1,
  status: 'healthy',
};

export const noDataEvaluation: SloEvaluation = {
  at: FIXTURE_NOW.toISOString(),
  window: { start: '2026-02-08T12:00:00.000Z', end: FIXTURE_NOW.toISOString() },
  periodMinutes: 43200,
  objective: { target: 0.999 },
  sli: null,
  errorBudget: { total: 0, consumed: null, remaining: null, unit: 'events' },
  burnRates: {
    '5m': null,
    '30m': null,
    '1h': null,
    '2h': null,
    '6h': null,
    '1d': null,
    '3d': null,
  },
  alerts: alerts({
    '5m': null,
    '30m': null,
    '1h': null,
    '2h': null,
    '6h': null,
    '1d': null,
    '3d': null,
  }),
  exhaustion: { at: null },
  dataCoverage: 0,
  status: 'no-data',
};

/** What the backend stores for an SLO it could not evaluate. */
export const errorEvaluation: SloEvaluation = {
  ...noDataEvaluation,
  window: { start: FIXTURE_NOW.toISOString(), end: FIXTURE_NOW.toISOString() },
  periodMinutes: 0,
  status: 'error',
  error: 'RangeError: Invalid time value',
};

export function sloSummary(
  definition: SloDefinition,
  evaluation: SloEvaluation | null,
  entityRef = 'component:default/checkout-api',
): SloSummary {
  return {
    id: sloIdOf(entityRef, definition.name),
    entityRef,
    name: definition.name,
    definition,
    origin: 'catalog',
    deletedAt: null,
    status: evaluation
      ? {
          evaluation,
          evaluatedAt: evaluation.at,
          dataThrough:
            evaluation.sli === null ? null : '2026-03-10T11:59:00.000Z',
        }
      : null,
  };
}

export const checkoutResponse: EntitySlosResponse = {
  entityRef: 'component:default/checkout-api',
  ownership: {
    serviceOwner: 'group:default/payments',
    sreOwner: 'group:default/sre',
    platformOwner: 'group:default/platform',
    platformOwnerSource: 'source-template',
    findings: [],
  },
  slos: [
    sloSummary(availabilityDefinition, exhaustedEvaluation),
    sloSummary(latencyDefinition, burningEvaluation),
  ],
  syncErrors: [],
};

export const emptyResponse: EntitySlosResponse = {
  entityRef: 'component:default/legacy-batch',
  ownership: {
    serviceOwner: 'group:default/payments',
    sreOwner: null,
    platformOwner: null,
    platformOwnerSource: null,
    findings: [
      {
        code: 'sre-owner-missing',
        message:
          'No slo-kit.dev/sre-owner annotation; the service owner answers for reliability.',
      },
    ],
  },
  slos: [],
  syncErrors: [],
};

export const checkoutHistory: SloHistoryResponse = (() => {
  const start = Date.parse(exhaustedEvaluation.window.start);
  const end = FIXTURE_NOW.getTime();
  const count = 30;
  const points = Array.from({ length: count + 1 }, (_, i) => {
    const at = start + ((end - start) * i) / count;
    const budgetRemaining = 1 - (1.38 * i * i) / (count * count);
    return {
      at: new Date(at).toISOString(),
      sli: 0.9995 - 0.0009 * (i / count),
      budgetRemaining,
      burnRate: i === 0 ? null : 0.8 + (3.3 * i) / count,
    };
  });
  return {
    id: 'component:default/checkout-api#availability',
    from: exhaustedEvaluation.window.start,
    to: FIXTURE_NOW.toISOString(),
    points,
    events: [
      {
        at: '2026-03-01T09:30:00.000Z',
        type: 'deploy',
        title: 'Deploy v2.14.0',
        version: '2.14.0',
        url: 'https://ci.example.com/runs/42',
      },
      {
        at: '2026-03-04T22:10:00.000Z',
        type: 'incident',
        title: 'INC-311 card processor timeouts',
        version: null,
        url: null,
      },
      {
        at: '2026-03-06T08:00:00.000Z',
        type: 'note',
        title: 'Card processor failover tested',
        version: null,
        url: null,
      },
    ],
  };
})();

export function portfolioItem(
  index: number,
  overrides: Partial<PortfolioItem> = {},
): PortfolioItem {
  const name = `service-${String(index).padStart(4, '0')}`;
  const entityRef = `component:default/${name}`;
  return {
    id: sloIdOf(entityRef, 'availability'),
    entityRef,
    name: 'availability',
    serviceOwner: 'group:default/payments',
    sreOwner: 'group:default/sre',
    target: 0.999,
    timeWindow: '30d',
    timeWindowKind: 'rolling',
    sli: 0.9995,
    budgetRemaining: 0.5,
    status: 'healthy',
    firingAlerts: [],
    evaluatedAt: FIXTURE_NOW.toISOString(),
    release: {
      decision: 'allow',
      enforced: 'allow',
      policy: { name: 'default', mode: 'enforce' },
      firstReason: null,
    },
    ...overrides,
  };
}
