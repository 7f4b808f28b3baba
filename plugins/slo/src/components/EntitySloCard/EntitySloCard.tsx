import { Flex, Link, Skeleton } from '@backstage/ui';
import { useEntity, useEntityRefLink } from '@backstage/plugin-catalog-react';
import { useEntitySlos } from '../../hooks/useEntitySlos';
import { useGateDecision } from '../../hooks/useGateDecision';
import { ErrorState } from '../shared/ErrorState';
import { HowToAddSlos } from '../shared/HowToAddSlos';
import { OwnershipLine } from '../shared/OwnershipLine';
import { ReleaseLine } from '../shared/ReleaseLine';
import { SloHeadline } from '../shared/SloHeadline';
import { SyncErrors } from '../shared/SyncErrors';
import { TitledCard } from '../shared/TitledCard';

/** Props of {@link EntitySloCard}. */
export interface EntitySloCardProps {
  /** Instant that "runs out in …" is measured from; defaults to now. */
  now?: Date;
}

const listStyle = {
  listStyle: 'none',
  margin: 0,
  padding: 0,
  display: 'flex',
  flexDirection: 'column' as const,
  gap: 'var(--bui-space-4)',
};

function CardFrame(props: {
  children: React.ReactNode;
  footer?: React.ReactNode;
}) {
  return (
    <TitledCard title="Service level objectives" footer={props.footer}>
      {props.children}
    </TitledCard>
  );
}

/**
 * Overview card: who owns the service, whether it may ship now (the release
 * gate), and for each SLO its objective, SLI, budget left and status. Reads
 * the entity endpoint and the gate's decision, side by side.
 */
export function EntitySloCard(props: EntitySloCardProps) {
  const { entity } = useEntity();
  const entityLink = useEntityRefLink();
  const { loading, error, value, retry } = useEntitySlos();
  // Asked at once, beside the entity request; shown under the ownership line.
  const gate = useGateDecision();

  if (loading) {
    return (
      <CardFrame>
        <div aria-busy="true" aria-label="Loading service level objectives">
          <Flex direction="column" gap="2">
            <Skeleton width="60%" height={16} />
            <Skeleton width="100%" height={48} />
            <Skeleton width="100%" height={48} />
          </Flex>
        </div>
      </CardFrame>
    );
  }
  if (error) {
    return (
      <CardFrame>
        <ErrorState
          title="Could not load the SLOs"
          error={error}
          onRetry={retry}
        />
      </CardFrame>
    );
  }

  const { ownership, slos, syncErrors } = value;
  const active = slos.filter(slo => slo.deletedAt === null);

  return (
    <CardFrame
      footer={
        active.length > 0 ? (
          <Link href={`${entityLink(entity)}/slo`}>
            Burn-down charts and alerts
          </Link>
        ) : undefined
      }
    >
      <OwnershipLine ownership={ownership} />
      <ReleaseLine gate={gate} />
      <SyncErrors errors={syncErrors} />
      {active.length === 0 ? (
        <HowToAddSlos
          reason={
            syncErrors.length > 0
              ? 'No SLOs could be read for this service.'
              : 'This service has no SLOs yet.'
          }
        />
      ) : (
        <ul aria-label="SLOs" style={listStyle}>
          {active.map(slo => (
            <li key={slo.id}>
              <SloHeadline slo={slo} now={props.now} />
            </li>
          ))}
        </ul>
      )}
    </CardFrame>
  );
}
