import type { ErrorBudget } from '@slo-kit/plugin-slo-common';
import { formatCount, formatPercent } from './formatNumbers';

function unitWords(unit: ErrorBudget['unit']): string {
  return unit === 'minutes' ? 'minutes' : 'failed requests';
}

/**
 * The remaining budget as an amount in words:
 * "31 of 43 minutes left", "1,204 of 2,880 failed requests left",
 * or "12 minutes over a budget of 43 minutes" once overspent. Without data in
 * the window nothing is known, and it says so.
 */
export function describeBudgetAmount(budget: ErrorBudget): string {
  if (budget.remaining === null) {
    return 'No SLI data in the window yet, so no budget can be computed.';
  }
  const units = unitWords(budget.unit);
  const left = budget.remaining * budget.total;
  if (budget.remaining < 0) {
    return `${formatCount(-left)} ${units} over a budget of ${formatCount(
      budget.total,
    )}`;
  }
  return `${formatCount(left)} of ${formatCount(budget.total)} ${units} left`;
}

/**
 * The remaining budget as a percentage, e.g. "72%" or "-28%" when overspent;
 * "—" without data (never 100%).
 */
export function describeBudgetPercent(budget: ErrorBudget): string {
  return budget.remaining === null ? '—' : formatPercent(budget.remaining, 0);
}
