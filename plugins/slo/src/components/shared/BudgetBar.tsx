import { Flex, Text } from '@backstage/ui';
import type { ErrorBudget, SloStatusValue } from '@slo-kit/plugin-slo-common';
import { describeBudgetAmount, describeBudgetPercent } from '../../format';

const FILL_COLOURS: Record<SloStatusValue, string> = {
  healthy: 'var(--bui-fg-positive)',
  warning: 'var(--bui-fg-warning)',
  critical: 'var(--bui-fg-negative)',
  'no-data': 'var(--bui-fg-secondary)',
  error: 'var(--bui-fg-secondary)',
};

const TRACK_STYLE = {
  height: 8,
  borderRadius: 4,
  background: 'var(--bui-bg-neutral-2)',
  border: '1px solid var(--bui-border-1)',
  overflow: 'hidden',
} as const;

export interface BudgetBarProps {
  /** Names the SLO in the bar's accessible label. */
  sloName: string;
  budget: ErrorBudget;
  status: SloStatusValue;
}

/**
 * How much error budget is left, as a labelled meter with the percentage and
 * the amount in words next to it. Without data in the window the budget is
 * unknown: the bar stays empty and is no meter, since it has no value.
 */
export function BudgetBar(props: BudgetBarProps) {
  const { sloName, budget, status } = props;
  const percent = describeBudgetPercent(budget);
  const amount = describeBudgetAmount(budget);
  const remaining = budget.remaining;

  let bar;
  if (remaining === null) {
    bar = (
      <div
        role="img"
        aria-label={`Error budget left for ${sloName}: no data`}
        style={TRACK_STYLE}
      />
    );
  } else {
    const filled = Math.min(100, Math.max(0, remaining * 100));
    bar = (
      <div
        role="meter"
        aria-label={`Error budget left for ${sloName}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(filled)}
        aria-valuetext={`${percent}: ${amount}`}
        style={TRACK_STYLE}
      >
        <div
          style={{
            width: `${filled}%`,
            height: '100%',
            background: FILL_COLOURS[status],
          }}
        />
      </div>
    );
  }

  return (
    <Flex direction="column" gap="1">
      <Flex justify="between" align="baseline">
        <Text as="span" variant="body-small">
          Error budget left
        </Text>
        <Text as="span" variant="body-small" weight="bold">
          {percent}
        </Text>
      </Flex>
      {bar}
      <Text as="span" variant="body-x-small" color="secondary">
        {amount}
      </Text>
    </Flex>
  );
}
