import { Flex, Skeleton } from '@backstage/ui';
import { useEntitySlos } from '../../hooks/useEntitySlos';
import { ErrorState } from '../shared/ErrorState';
import { HowToAddSlos } from '../shared/HowToAddSlos';
import { OwnershipPanel } from '../shared/OwnershipPanel';
import { SyncErrors } from '../shared/SyncErrors';
import { sloTitle } from '../shared/sloDisplay';
import { ReleaseGateSection } from './ReleaseGateSection';
import { SloDetails } from './SloDetails';

/** Props of {@link EntitySloContent}. */
export interface EntitySloContentProps {
  /** Instant that forecasts are measured from; defaults to now. */
  now?: Date;
  /** Fixed chart width; charts follow their container when omitted. */
  chartWidth?: number;
}

/**
 * The Reliability tab: who owns what, the release gate's decision and its
 * recorded evaluations, and per SLO the burn-down (with deploy, incident and
 * note markers), SLI history, events, burn-rate alerts and forecast.
 */
export function EntitySloContent(props: EntitySloContentProps) {
  const { loading, error, value, retry } = useEntitySlos();

  if (loading) {
    return (
      <div aria-busy="true" aria-label="Loading reliability">
        <Flex direction="column" gap="4">
          <Skeleton width="100%" height={120} />
          <Skeleton width="100%" height={320} />
        </Flex>
      </div>
    );
  }
  if (error) {
    return (
      <ErrorState
        title="Could not load the SLOs"
        error={error}
        onRetry={retry}
      />
    );
  }

  const active = value.slos.filter(slo => slo.deletedAt === null);
  const sloTitles = new Map(value.slos.map(slo => [slo.id, sloTitle(slo)]));
  return (
    <Flex direction="column" gap="4">
      <OwnershipPanel ownership={value.ownership} />
      <ReleaseGateSection sloTitles={sloTitles} ownership={value.ownership} />
      <SyncErrors errors={value.syncErrors} />
      {active.length === 0 ? (
        <HowToAddSlos reason="This service has no SLOs yet." />
      ) : (
        active.map(slo => (
          <SloDetails
            key={slo.id}
            slo={slo}
            now={props.now}
            chartWidth={props.chartWidth}
          />
        ))
      )}
    </Flex>
  );
}
