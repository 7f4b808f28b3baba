import { Card, CardBody, Flex, Skeleton, Text } from '@backstage/ui';
import { useApi } from '@backstage/frontend-plugin-api';
import type { SloSummary } from '@slo-kit/plugin-slo-common';
import { sloApiRef } from '../../api/sloApiRef';
import { formatDateTime } from '../../format';
import { useAsyncValue } from '../../hooks/useAsyncValue';
import { ErrorState } from '../shared/ErrorState';
import { SloHeadline } from '../shared/SloHeadline';
import { sloTitle } from '../shared/sloDisplay';
import { BurnDownChart } from './BurnDownChart';
import { BurnRateTable } from './BurnRateTable';
import { EventList } from './EventList';
import { SliChart } from './SliChart';

/** Points asked of the history endpoint: enough for a smooth line, far below its cap. */
const HISTORY_POINTS = 300;

export interface SloDetailsProps {
  slo: SloSummary;
  now?: Date;
  /** Fixed chart width (tests); charts follow their container when omitted. */
  chartWidth?: number;
}

function Section(props: { title: string; children: React.ReactNode }) {
  return (
    <Flex direction="column" gap="2">
      <Text as="h4" variant="body-medium" weight="bold">
        {props.title}
      </Text>
      {props.children}
    </Flex>
  );
}

/** Everything about one SLO: headline, burn-down, SLI, burn-rate alerts and events. */
export function SloDetails(props: SloDetailsProps) {
  const { slo } = props;
  const sloApi = useApi(sloApiRef);
  const evaluation = slo.status?.evaluation;
  const title = sloTitle(slo);
  const history = useAsyncValue(
    () =>
      // An SLO that could not be evaluated has no window to chart.
      evaluation && evaluation.status !== 'error'
        ? sloApi.getSloHistory(slo.id, {
            from: evaluation.window.start,
            to: evaluation.at,
            points: HISTORY_POINTS,
          })
        : Promise.resolve(undefined),
    [
      sloApi,
      slo.id,
      evaluation?.status,
      evaluation?.window.start,
      evaluation?.at,
    ],
  );

  let charts: React.ReactNode = null;
  if (evaluation && evaluation.sli !== null) {
    if (history.loading) {
      charts = (
        <Skeleton
          width="100%"
          height={260}
          aria-label={`Loading history of ${title}`}
        />
      );
    } else if (history.error) {
      charts = (
        <ErrorState
          title={`Could not load the history of ${title}`}
          error={history.error}
          onRetry={history.retry}
        />
      );
    } else if (history.value) {
      const events = history.value.events;
      charts = (
        <>
          <Section title="Error budget burn-down">
            <BurnDownChart
              sloTitle={title}
              history={history.value}
              evaluation={evaluation}
              width={props.chartWidth}
            />
          </Section>
          <Section title="SLI over time">
            <SliChart
              sloTitle={title}
              history={history.value}
              target={evaluation.objective.target}
              width={props.chartWidth}
            />
          </Section>
          {events.length > 0 ? (
            <Section title="Deploys, incidents and notes">
              <EventList sloTitle={title} events={events} />
            </Section>
          ) : null}
        </>
      );
    }
  }

  return (
    <Card aria-label={`SLO ${title}`}>
      <CardBody>
        <Flex direction="column" gap="4">
          <SloHeadline slo={slo} now={props.now} />
          {charts}
          {evaluation && evaluation.sli !== null ? (
            <Section title="Burn-rate alerts">
              <BurnRateTable sloTitle={title} alerts={evaluation.alerts} />
              <Text as="p" variant="body-x-small" color="secondary">
                An alert fires when both its long and short window burn faster
                than its threshold. Data cover{' '}
                {Math.floor(evaluation.dataCoverage * 100)}% of the window so
                far; evaluated {formatDateTime(slo.status!.evaluatedAt)}.
              </Text>
            </Section>
          ) : null}
        </Flex>
      </CardBody>
    </Card>
  );
}
