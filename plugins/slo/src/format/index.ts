export { formatPercent, formatCount, formatBurnRate } from './formatNumbers';
export {
  describeObjective,
  describeTarget,
  describeTimeWindow,
} from './describeObjective';
export { describeBudgetAmount, describeBudgetPercent } from './describeBudget';
export {
  describeDuration,
  describeExhaustion,
  formatDateTime,
} from './describeTime';
