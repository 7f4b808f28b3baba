import type { BurnRateAlert, SloEvaluation } from '@slo-kit/plugin-slo-common';
import { sloDefinition } from '@slo-kit/plugin-slo-common/testUtils';
import type {
  SloStatusRow,
  StoredSloDefinition,
} from '@slo-kit/plugin-slo-node';
import { toPortfolioItem } from './responseShapes';

function alert(overrides: Partial<BurnRateAlert>): BurnRateAlert {
  return {
    severity: 'ticket',
    budgetShare: 0.1,
    longWindow: '1d',
    shortWindow: '2h',
    factor: 3,
    longBurnRate: 1,
    shortBurnRate: 1,
    firing: false,
    ...overrides,
  };
}

const stored: StoredSloDefinition = {
  sloKey: 1,
  id: 'component:default/checkout#availability',
  entityRef: 'component:default/checkout',
  name: 'availability',
  definition: sloDefinition('availability', {
    timeWindow: {
      kind: 'calendar',
      duration: '1M',
      amount: 1,
      unit: 'M',
      startTime: '2026-01-01T00:00:00',
      timeZone: 'Europe/Berlin',
    } as any,
  }),
  origin: 'catalog',
  serviceOwner: 'group:default/payments',
  sreOwner: 'group:default/sre',
  createdAt: 0,
  updatedAt: 0,
  deletedAt: null,
  historyRevision: 0,
};

describe('toPortfolioItem', () => {
  it('says which alerts fire, pages first, and what kind of window it is', () => {
    const status: SloStatusRow = {
      sloKey: 1,
      status: 'critical',
      sli: 0.999,
      budgetRemaining: 0.6,
      evaluation: {
        alerts: [
          alert({ firing: true }),
          alert({
            severity: 'page',
            longWindow: '1h',
            longBurnRate: 16,
            factor: 14.4,
            firing: true,
          }),
          alert({ severity: 'page', longWindow: '6h', firing: false }),
        ],
      } as unknown as SloEvaluation,
      evaluatedAt: 0,
      dataThrough: null,
    };
    const release = {
      decision: 'allow' as const,
      enforced: 'allow' as const,
      policy: { name: 'default', mode: 'enforce' as const },
      firstReason: null,
    };
    expect(toPortfolioItem(stored, status, release)).toMatchObject({
      release,
      timeWindow: '1M',
      timeWindowKind: 'calendar',
      timeZone: 'Europe/Berlin',
      status: 'critical',
      firingAlerts: [
        { severity: 'page', longWindow: '1h', longBurnRate: 16, factor: 14.4 },
        { severity: 'ticket', longWindow: '1d', longBurnRate: 1, factor: 3 },
      ],
    });
  });
});
