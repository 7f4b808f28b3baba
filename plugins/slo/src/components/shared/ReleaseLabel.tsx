import { Text } from '@backstage/ui';
import {
  RiAlertLine,
  RiCheckboxCircleFill,
  RiCloseCircleFill,
  RiErrorWarningFill,
  type RemixiconComponentType,
} from '@remixicon/react';
import type { GateOutcome, GatePolicyMode } from '@slo-kit/plugin-slo-common';

/** What a release decision looks like: words, colour and icon, never colour alone. */
export interface ReleasePresentation {
  label: string;
  color: 'success' | 'warning' | 'danger';
  Icon: RemixiconComponentType;
}

/**
 * The words for a decision. Under an advisory policy a block stops nothing,
 * so it reads "Would block", in the warning colour, never "Blocked".
 */
export function releasePresentation(
  decision: GateOutcome,
  mode: GatePolicyMode,
): ReleasePresentation {
  if (decision === 'block') {
    return mode === 'advisory'
      ? { label: 'Would block', color: 'warning', Icon: RiAlertLine }
      : { label: 'Blocked', color: 'danger', Icon: RiCloseCircleFill };
  }
  if (decision === 'warn') {
    return { label: 'Warning', color: 'warning', Icon: RiErrorWarningFill };
  }
  return { label: 'Allowed', color: 'success', Icon: RiCheckboxCircleFill };
}

/** A release decision as icon and bold text; `label` replaces the words. */
export function ReleaseLabel(props: {
  decision: GateOutcome;
  mode: GatePolicyMode;
  label?: string;
}) {
  const { label, color, Icon } = releasePresentation(
    props.decision,
    props.mode,
  );
  // Spans only, so that the label can sit inside a sentence.
  return (
    <span
      data-release={props.decision}
      style={{
        display: 'inline-flex',
        alignItems: 'center',
        gap: 'var(--bui-space-1)',
        verticalAlign: 'middle',
      }}
    >
      <Text as="span" color={color} style={{ display: 'inline-flex' }}>
        <Icon size={16} aria-hidden />
      </Text>
      <Text as="span" variant="body-small" weight="bold" color={color}>
        {props.label ?? label}
      </Text>
    </span>
  );
}
