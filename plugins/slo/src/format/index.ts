export { formatPercent, formatCount, formatBurnRate } from './formatNumbers';
export {
  describeObjective,
  describeTarget,
  describeTimeWindow,
  describeWindowDuration,
} from './describeObjective';
export { describeBudgetAmount, describeBudgetPercent } from './describeBudget';
export {
  describeDuration,
  describeExhaustion,
  formatDateTime,
  formatShortDate,
} from './describeTime';
export { describeFiringAlert } from './describeAlert';
