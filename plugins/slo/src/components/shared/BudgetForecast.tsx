import { Text } from '@backstage/ui';
import type { SloSummary } from '@slo-kit/plugin-slo-common';
import { describeExhaustion, formatBurnRate } from '../../format';
import { isBurning } from './sloDisplay';

/**
 * When the budget runs out at the current pace; says so when it already has.
 * Renders nothing for an SLO that is not burning.
 */
export function BudgetForecast(props: { slo: SloSummary; now?: Date }) {
  const evaluation = props.slo.status?.evaluation;
  const remaining = evaluation?.errorBudget.remaining ?? null;
  if (!evaluation || remaining === null) {
    return null;
  }
  if (remaining <= 0) {
    return (
      <Text as="p" variant="body-small" color="danger" weight="bold">
        Error budget exhausted: releases should wait for reliability work.
      </Text>
    );
  }
  if (!isBurning(props.slo) || !evaluation.exhaustion.at) {
    return null;
  }
  return (
    <Text as="p" variant="body-small" color="warning">
      Burning at {formatBurnRate(evaluation.burnRates['1d'])} the sustainable
      rate; the budget runs out{' '}
      {describeExhaustion(evaluation.exhaustion.at, props.now)}.
    </Text>
  );
}
