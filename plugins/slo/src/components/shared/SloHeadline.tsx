import { Flex, Text } from '@backstage/ui';
import type { SloSummary } from '@slo-kit/plugin-slo-common';
import { describeObjective, formatPercent } from '../../format';
import { BudgetBar } from './BudgetBar';
import { BudgetForecast } from './BudgetForecast';
import { SourceUnreachable } from './SourceUnreachable';
import { StatusLabel } from './StatusLabel';
import { sloTitle } from './sloDisplay';

/**
 * One SLO at a glance: name and status, objective in words, current SLI,
 * budget left and, when burning, when it runs out. Shared by card and tab.
 */
export function SloHeadline(props: {
  slo: SloSummary;
  now?: Date;
  headingLevel?: 'h3' | 'h4';
}) {
  const { slo } = props;
  const title = sloTitle(slo);
  const evaluation = slo.status?.evaluation;
  const status = evaluation?.status ?? 'no-data';

  let details: React.ReactNode;
  if (!evaluation) {
    details = (
      <Text as="p" variant="body-small" color="secondary">
        Not evaluated yet: the first evaluation runs within a minute of the SLO
        being read.
      </Text>
    );
  } else if (evaluation.status === 'error') {
    // The backend could not evaluate this SLO: no figures, only the reason.
    details = (
      <Text as="p" variant="body-small" color="danger">
        This SLO could not be evaluated: {evaluation.error ?? 'unknown error'}.
        Its other SLOs are evaluated as usual; fix the definition and it is
        evaluated again within a minute.
      </Text>
    );
  } else {
    details = (
      <>
        {evaluation.sli !== null && (
          <Text as="p" variant="body-small">
            Current SLI: <strong>{formatPercent(evaluation.sli, 3)}</strong>
          </Text>
        )}
        <BudgetBar
          sloName={title}
          budget={evaluation.errorBudget}
          status={status}
        />
        <BudgetForecast slo={slo} now={props.now} />
      </>
    );
  }

  return (
    <Flex direction="column" gap="2">
      <Flex justify="between" align="center" gap="2">
        <Text
          as={props.headingLevel ?? 'h3'}
          variant="title-x-small"
          weight="bold"
        >
          {title}
        </Text>
        <StatusLabel status={status} />
      </Flex>
      <Text as="p" variant="body-small" color="secondary">
        {describeObjective(slo.definition)}
      </Text>
      <SourceUnreachable slo={slo} />
      {details}
    </Flex>
  );
}
