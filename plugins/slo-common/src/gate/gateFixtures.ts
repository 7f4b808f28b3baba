import type { BurnRateAlert } from '../engine/types';
import type { GateSloInput } from './decideRelease';

/** Test helpers for the release gate (not exported from the package). */
export const NOW = Date.parse('2026-11-23T12:00:00Z');

export function alert(
  severity: BurnRateAlert['severity'],
  firing: boolean,
): BurnRateAlert {
  return severity === 'page'
    ? {
        severity,
        budgetShare: 0.02,
        longWindow: '1h',
        shortWindow: '5m',
        factor: 14.4,
        longBurnRate: firing ? 20 : 1,
        shortBurnRate: firing ? 25 : 1,
        firing,
      }
    : {
        severity,
        budgetShare: 0.1,
        longWindow: '3d',
        shortWindow: '6h',
        factor: 1,
        longBurnRate: firing ? 1.5 : 0.5,
        shortBurnRate: firing ? 2 : 0.5,
        firing,
      };
}

export function slo(
  name: string,
  options: {
    remaining?: number | null;
    status?: NonNullable<GateSloInput['status']>['status'];
    page?: boolean;
    ticket?: boolean;
    ageMs?: number;
    never?: boolean;
  } = {},
): GateSloInput {
  const remaining = options.remaining === undefined ? 0.8 : options.remaining;
  return {
    sloId: `component:default/checkout#${name.toLowerCase()}`,
    displayName: name,
    status: options.never
      ? null
      : {
          status:
            options.status ?? (remaining === null ? 'no-data' : 'healthy'),
          evaluation: {
            errorBudget: {
              total: 100,
              consumed: remaining === null ? null : 1 - remaining,
              remaining,
              unit: 'events',
            },
            alerts: [
              alert('page', options.page ?? false),
              alert('ticket', options.ticket ?? false),
            ],
          },
          evaluatedAt: NOW - (options.ageMs ?? 60_000),
          dataThrough: remaining === null ? null : NOW - 120_000,
        },
  };
}
