import type { PortfolioItem } from '@slo-kit/plugin-slo-common';
import { formatBurnRate } from './formatNumbers';

/** Why an alert fires, e.g. "page alert: 1h burn 16×". */
export function describeFiringAlert(
  alert: PortfolioItem['firingAlerts'][number],
): string {
  return `${alert.severity} alert: ${alert.longWindow} burn ${formatBurnRate(
    alert.longBurnRate,
  )}`;
}
