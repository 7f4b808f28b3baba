import { Flex, Skeleton, Text } from '@backstage/ui';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import type {
  GateDecision,
  GatePolicyMode,
  GateReason,
  Ownership,
} from '@slo-kit/plugin-slo-common';
import { formatDateTime } from '../../format';
import { useGateDecision } from '../../hooks/useGateDecision';
import { useGateEvaluations } from '../../hooks/useGateEvaluations';
import { useGateOverrides } from '../../hooks/useGateOverrides';
import { ErrorState } from '../shared/ErrorState';
import { OwnerLink } from '../shared/OwnerLink';
import { ReleaseLabel } from '../shared/ReleaseLabel';
import { TitledCard } from '../shared/TitledCard';
import { GateEvaluationTable } from './GateEvaluationTable';
import { GateOverridePanel } from './GateOverridePanel';
import { OverrideHistoryTable } from './OverrideHistoryTable';

/** Recorded evaluations shown on the tab: the newest few. */
export const GATE_EVALUATIONS_SHOWN = 10;

function Subheading(props: { children: React.ReactNode }) {
  return (
    <Text as="h3" variant="body-medium" weight="bold">
      {props.children}
    </Text>
  );
}

function Fact(props: { term: string; children: React.ReactNode }) {
  return (
    <Flex gap="2" align="center" style={{ flexWrap: 'wrap' }}>
      <dt>
        <Text as="span" variant="body-small" color="secondary">
          {props.term}:{' '}
        </Text>
      </dt>
      <dd style={{ margin: 0 }}>{props.children}</dd>
    </Flex>
  );
}

/** What a firing rule does to the release, as the list of reasons says it. */
function reasonLabel(reason: GateReason, mode: GatePolicyMode): string {
  if (reason.outcome === 'warn') return 'Warns';
  return mode === 'advisory' ? 'Would block' : 'Blocks';
}

function ReasonList(props: {
  decision: GateDecision;
  sloTitles: Map<string, string>;
}) {
  const { decision, sloTitles } = props;
  if (decision.reasons.length === 0) {
    return (
      <Text as="p" variant="body-small">
        No rule of the {decision.policy.name} policy fires.
      </Text>
    );
  }
  return (
    <ul
      aria-label="Release reasons"
      style={{
        margin: 0,
        paddingLeft: 0,
        listStyle: 'none',
        display: 'grid',
        gap: 'var(--bui-space-2)',
      }}
    >
      {decision.reasons.map((reason, index) => (
        <li key={`${reason.rule}-${reason.sloId}-${index}`}>
          <Text as="p" variant="body-small">
            <ReleaseLabel
              decision={reason.outcome}
              mode={decision.policy.mode}
              label={reasonLabel(reason, decision.policy.mode)}
            />{' '}
            <span>{reason.message}</span>{' '}
            <Text as="span" variant="body-x-small" color="secondary">
              {reason.sloId
                ? `SLO: ${sloTitles.get(reason.sloId) ?? reason.sloId}`
                : 'Whole service'}{' '}
              · rule {reason.rule}
            </Text>
          </Text>
        </li>
      ))}
    </ul>
  );
}

function Decision(props: {
  decision: GateDecision;
  sloTitles: Map<string, string>;
}) {
  const { decision } = props;
  const { policy } = decision;
  return (
    <Flex direction="column" gap="3">
      <dl
        aria-label="Release decision"
        style={{ margin: 0, display: 'grid', gap: 'var(--bui-space-2)' }}
      >
        <Fact term="Decision">
          <ReleaseLabel
            decision={decision.decision}
            mode={policy.mode}
            label={decision.override ? 'Allowed by override' : undefined}
          />
        </Fact>
        {policy.mode === 'advisory' ? (
          <Fact term="CI is told">
            <ReleaseLabel decision={decision.enforced} mode="enforce" />{' '}
            <Text as="span" variant="body-x-small" color="secondary">
              (advisory policy: recorded, never enforced)
            </Text>
          </Fact>
        ) : null}
        <Fact term="Policy">
          <Text as="span" variant="body-small">
            {policy.name}, mode {policy.mode}
          </Text>
        </Fact>
        <Fact term="Exempt change types">
          <Text as="span" variant="body-small">
            {policy.exemptChangeTypes.length > 0
              ? policy.exemptChangeTypes.join(', ')
              : 'none'}
          </Text>
        </Fact>
        <Fact term="Who decides">
          <Text as="span" variant="body-small">
            <OwnerLink
              entityRef={decision.decidedBy}
              missingText="Nobody is named"
            />
          </Text>
        </Fact>
      </dl>
      <Subheading>Reasons</Subheading>
      <ReasonList decision={decision} sloTitles={props.sloTitles} />
      <Text as="p" variant="body-x-small" color="secondary">
        Decided {formatDateTime(decision.evaluatedAt)} from the stored SLO
        statuses; CI asks the same gate before it deploys.
      </Text>
    </Flex>
  );
}

/**
 * The Reliability tab's "Release gate": the gate's current decision with
 * every reason, the policy (mode and exempt change types), who decides; its
 * overrides (active ones, granting and revoking for those permitted, the
 * history); and the evaluations CI recorded. Its requests fail on their own,
 * without hiding the rest of the tab.
 */
export function ReleaseGateSection(props: {
  sloTitles: Map<string, string>;
  ownership: Ownership;
}) {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const gate = useGateDecision();
  const evaluations = useGateEvaluations(GATE_EVALUATIONS_SHOWN);
  const overrides = useGateOverrides();
  // After a grant or revoke: ask again, keeping what is shown meanwhile.
  const overridesChanged = () => {
    gate.refresh();
    overrides.refresh();
  };

  let decision: React.ReactNode;
  if (gate.loading) {
    decision = (
      <Skeleton
        width="100%"
        height={96}
        aria-label="Loading the release decision"
      />
    );
  } else if (gate.error) {
    decision = (
      <ErrorState
        title="Could not load the release decision"
        error={gate.error}
        onRetry={gate.retry}
      />
    );
  } else {
    decision = <Decision decision={gate.value} sloTitles={props.sloTitles} />;
  }

  let recorded: React.ReactNode;
  if (evaluations.loading) {
    recorded = (
      <Skeleton
        width="100%"
        height={64}
        aria-label="Loading the recorded evaluations"
      />
    );
  } else if (evaluations.error) {
    recorded = (
      <ErrorState
        title="Could not load the recorded evaluations"
        error={evaluations.error}
        onRetry={evaluations.retry}
      />
    );
  } else {
    recorded = <GateEvaluationTable evaluations={evaluations.value} />;
  }

  let history: React.ReactNode;
  if (overrides.loading) {
    history = (
      <Skeleton
        width="100%"
        height={64}
        aria-label="Loading the override history"
      />
    );
  } else if (overrides.error) {
    history = (
      <ErrorState
        title="Could not load the override history"
        error={overrides.error}
        onRetry={overrides.retry}
      />
    );
  } else {
    history = <OverrideHistoryTable overrides={overrides.value} />;
  }

  return (
    <TitledCard title="Release gate" gap="3">
      {decision}
      <Subheading>Overrides</Subheading>
      <GateOverridePanel
        entityRef={entityRef}
        entityTitle={entity.metadata.title ?? entity.metadata.name}
        sreOwner={props.ownership.sreOwner}
        overrides={overrides.value}
        onChanged={overridesChanged}
      />
      {history}
      <Subheading>Recent evaluations</Subheading>
      {recorded}
    </TitledCard>
  );
}
