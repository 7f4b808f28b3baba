import type { SloSummary } from '@slo-kit/plugin-slo-common';

/** The name people read: the SLO's display name, else its name. */
export function sloTitle(slo: SloSummary): string {
  return slo.definition.displayName ?? slo.name;
}

/** Burning means faster than the budget allows over the day, or any alert firing. */
export function isBurning(slo: SloSummary): boolean {
  const evaluation = slo.status?.evaluation;
  if (!evaluation || evaluation.sli === null) {
    return false;
  }
  const dailyRate = evaluation.burnRates['1d'];
  return (
    evaluation.alerts.some(alert => alert.firing) ||
    (dailyRate !== null && dailyRate > 1)
  );
}
