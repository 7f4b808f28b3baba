import { Flex, Text } from '@backstage/ui';
import {
  RiAlertFill,
  RiCheckboxCircleFill,
  RiCloseCircleFill,
  RiErrorWarningFill,
  RiQuestionFill,
  type RemixiconComponentType,
} from '@remixicon/react';
import type { SloStatusValue } from '@slo-kit/plugin-slo-common';

interface StatusPresentation {
  label: string;
  color: 'success' | 'warning' | 'danger' | 'secondary';
  Icon: RemixiconComponentType;
}

/** Words, colour and icon for each status: never colour alone. */
export const STATUS_PRESENTATION: Record<SloStatusValue, StatusPresentation> = {
  healthy: { label: 'Healthy', color: 'success', Icon: RiCheckboxCircleFill },
  warning: { label: 'Warning', color: 'warning', Icon: RiErrorWarningFill },
  critical: { label: 'Critical', color: 'danger', Icon: RiCloseCircleFill },
  'no-data': { label: 'No data', color: 'secondary', Icon: RiQuestionFill },
  // The backend could not evaluate the SLO: nothing is known about it.
  error: { label: 'Evaluation failed', color: 'danger', Icon: RiAlertFill },
};

/** The status of an SLO as icon and text. */
export function StatusLabel(props: { status: SloStatusValue; label?: string }) {
  const { color, Icon } = STATUS_PRESENTATION[props.status];
  const label = props.label ?? STATUS_PRESENTATION[props.status].label;
  return (
    <Flex gap="1" align="center" data-status={props.status}>
      <Text as="span" color={color} style={{ display: 'inline-flex' }}>
        <Icon size={16} aria-hidden />
      </Text>
      <Text as="span" variant="body-small" weight="bold" color={color}>
        {label}
      </Text>
    </Flex>
  );
}
