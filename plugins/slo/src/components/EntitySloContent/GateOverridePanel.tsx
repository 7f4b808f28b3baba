import { Flex, Text } from '@backstage/ui';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  ANNOTATION_SRE_OWNER,
  sloGateOverridePermission,
  type GateOverride,
} from '@slo-kit/plugin-slo-common';
import { ErrorState } from '../shared/ErrorState';
import { OverrideDescription } from '../shared/OverrideDescription';
import { OwnerLink } from '../shared/OwnerLink';
import { ReleaseLabel } from '../shared/ReleaseLabel';
import { overrideScope } from '../shared/overrideDisplay';
import { GrantOverrideDialog } from './GrantOverrideDialog';
import { RevokeOverrideDialog } from './RevokeOverrideDialog';

function ActiveOverrides(props: {
  overrides: GateOverride[];
  mayOverride: boolean;
  onChanged: () => void;
}) {
  if (props.overrides.length === 0) {
    return (
      <Text as="p" variant="body-small">
        No override is active.
      </Text>
    );
  }
  return (
    <ul
      aria-label="Active overrides"
      style={{
        margin: 0,
        paddingLeft: 0,
        listStyle: 'none',
        display: 'grid',
        gap: 'var(--bui-space-2)',
      }}
    >
      {props.overrides.map(override => {
        const scope = overrideScope(override);
        return (
          <li key={override.id}>
            <Flex gap="3" align="center" style={{ flexWrap: 'wrap' }}>
              <Text as="p" variant="body-small">
                <ReleaseLabel
                  decision="allow"
                  mode="enforce"
                  label="Allowed by override"
                />{' '}
                <OverrideDescription override={override} until="dateTime" />
                {scope === 'every release' ? null : (
                  <>
                    {' '}
                    <Text as="span" variant="body-x-small" color="secondary">
                      (only {scope})
                    </Text>
                  </>
                )}
              </Text>
              {props.mayOverride ? (
                <RevokeOverrideDialog
                  override={override}
                  onRevoked={props.onChanged}
                />
              ) : null}
            </Flex>
          </li>
        );
      })}
    </ul>
  );
}

/** Who may override, when the caller may not. */
function WhoCanOverride(props: { sreOwner: string | null }) {
  if (!props.sreOwner) {
    return (
      <Text as="p" variant="body-small">
        Only the SRE owner can override the release gate, and this service names
        none (annotation {ANNOTATION_SRE_OWNER}).
      </Text>
    );
  }
  return (
    <Text as="p" variant="body-small">
      Only <OwnerLink entityRef={props.sreOwner} /> (the SRE owner) can override
      the release gate.
    </Text>
  );
}

/**
 * The human side of the gate: the overrides active now (with "Revoke"), and
 * the "Override" button for people the permission policy lets override
 * (`slo.gate.override` on the entity), or, for everyone else, who can.
 * Nothing is offered while the permission is being checked.
 */
export function GateOverridePanel(props: {
  entityRef: string;
  entityTitle: string;
  sreOwner: string | null;
  /** The entity's overrides, once loaded (the history shows loading and errors). */
  overrides: GateOverride[] | undefined;
  /** Called after a grant or revoke, to load the decision and overrides again. */
  onChanged: () => void;
}) {
  const permission = usePermission({
    permission: sloGateOverridePermission,
    resourceRef: props.entityRef,
  });
  const mayOverride = !permission.loading && permission.allowed;

  let action: React.ReactNode = null;
  if (permission.error) {
    action = (
      <ErrorState
        title="Could not check whether you may override the release gate"
        error={permission.error}
      />
    );
  } else if (permission.loading) {
    action = null;
  } else if (permission.allowed) {
    action = (
      <div>
        <GrantOverrideDialog
          entityRef={props.entityRef}
          entityTitle={props.entityTitle}
          onGranted={props.onChanged}
        />
      </div>
    );
  } else {
    action = <WhoCanOverride sreOwner={props.sreOwner} />;
  }

  return (
    <Flex direction="column" gap="2">
      {props.overrides ? (
        <ActiveOverrides
          overrides={props.overrides.filter(o => o.state === 'active')}
          mayOverride={mayOverride}
          onChanged={props.onChanged}
        />
      ) : null}
      {action}
    </Flex>
  );
}
