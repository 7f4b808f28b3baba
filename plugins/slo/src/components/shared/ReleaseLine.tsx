import { Skeleton, Text } from '@backstage/ui';
import { leadingReason, type GateDecision } from '@slo-kit/plugin-slo-common';
import type { AsyncValue } from '../../hooks/useAsyncValue';
import { ErrorState } from './ErrorState';
import { OverrideDescription } from './OverrideDescription';
import { OwnerLink } from './OwnerLink';
import { ReleaseLabel, releasePresentation } from './ReleaseLabel';

/**
 * "May this service ship now?" in one line: the gate's decision, the reason
 * that explains it and who decides, e.g. "Blocked: Availability error budget
 * exhausted (−179 %). Site Reliability Engineering decides." Under an
 * advisory policy a block reads "Would block (advisory)". While an override
 * lets releases through it says so, and whose, until when and why:
 * "Allowed by override — sam.sre until Nov 30: hotfix for INC-42".
 */
export function ReleaseLine(props: {
  gate: AsyncValue<GateDecision> & { retry: () => void };
}) {
  const { loading, error, value, retry } = props.gate;

  if (loading) {
    return (
      <Skeleton
        width="80%"
        height={16}
        aria-label="Loading the release decision"
      />
    );
  }
  if (error) {
    return (
      <ErrorState
        title="Could not load the release decision"
        error={error}
        onRetry={retry}
      />
    );
  }

  const mode = value.policy.mode;
  if (value.override) {
    return (
      <div role="group" aria-label="Release">
        <Text as="p" variant="body-small">
          <ReleaseLabel
            decision={value.decision}
            mode={mode}
            label="Allowed by override"
          />{' '}
          <OverrideDescription override={value.override} until="date" />
        </Text>
      </div>
    );
  }
  const advisory = mode === 'advisory';
  const label = `${releasePresentation(value.decision, mode).label}${
    advisory && value.decision !== 'allow' ? ' (advisory)' : ''
  }:`;
  const reason = leadingReason(value);
  const more = value.decision === 'allow' ? 0 : value.reasons.length - 1;

  return (
    <div role="group" aria-label="Release">
      <Text as="p" variant="body-small">
        <ReleaseLabel decision={value.decision} mode={mode} label={label} />{' '}
        <span>
          {reason
            ? reason.message
            : `no rule of the ${value.policy.name} policy fires.`}
        </span>
        {value.decision !== 'allow' && value.decidedBy ? (
          <>
            {' '}
            <OwnerLink entityRef={value.decidedBy} /> decides.
          </>
        ) : null}
        {value.decision !== 'allow' && !value.decidedBy ? (
          <>
            {' '}
            <Text as="span" variant="body-small" color="warning">
              Nobody is named to decide.
            </Text>
          </>
        ) : null}
        {more > 0 ? (
          <>
            {' '}
            <Text as="span" variant="body-x-small" color="secondary">
              +{more} more {more === 1 ? 'reason' : 'reasons'}
            </Text>
          </>
        ) : null}
      </Text>
    </div>
  );
}
