import type { AlertSeverity } from './types';
import { burnWindowMinutes, type BurnRateWindow } from './burnWindows';
import { roundNoise } from './roundNoise';

/** One multi-window, multi-burn-rate alert, scaled to an SLO's period. */
export interface BurnRateAlertRule {
  severity: AlertSeverity;
  /** Share of the period's budget the alert guards. */
  budgetShare: number;
  longWindow: BurnRateWindow;
  shortWindow: BurnRateWindow;
  /** Burn rate at which the alert fires: budgetShare · period / longWindow. */
  factor: number;
}

const RULES: ReadonlyArray<Omit<BurnRateAlertRule, 'factor'>> = [
  { severity: 'page', budgetShare: 0.02, longWindow: '1h', shortWindow: '5m' },
  { severity: 'page', budgetShare: 0.05, longWindow: '6h', shortWindow: '30m' },
  { severity: 'ticket', budgetShare: 0.1, longWindow: '1d', shortWindow: '2h' },
  { severity: 'ticket', budgetShare: 0.1, longWindow: '3d', shortWindow: '6h' },
];

/**
 * The four alerts of the SRE Workbook (chapter 5), with factors scaled to a
 * period of `periodMinutes`: 14.4, 6, 3 and 1 for 30 days; 13.44, 5.6, 2.8
 * and 0.9333 for 28 days.
 */
export function alertPolicy(periodMinutes: number): BurnRateAlertRule[] {
  return RULES.map(rule => ({
    ...rule,
    factor: roundNoise(
      (rule.budgetShare * periodMinutes) / burnWindowMinutes(rule.longWindow),
    ),
  }));
}
