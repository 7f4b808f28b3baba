import { Flex, Text } from '@backstage/ui';
import type { Ownership } from '@slo-kit/plugin-slo-common';
import { OwnerLink } from './OwnerLink';

function OwnerItem(props: {
  label: string;
  entityRef: string | null;
  missingText: string;
}) {
  return (
    <Flex gap="1" align="center">
      <Text as="span" variant="body-small" color="secondary">
        {props.label}:
      </Text>
      <OwnerLink entityRef={props.entityRef} missingText={props.missingText} />
    </Flex>
  );
}

/** Who owns the service, its reliability and its paved road, on one line. */
export function OwnershipLine(props: { ownership: Ownership }) {
  const { serviceOwner, sreOwner, platformOwner } = props.ownership;
  return (
    <Flex
      gap="4"
      align="center"
      style={{ flexWrap: 'wrap' }}
      aria-label="Ownership"
    >
      <OwnerItem
        label="Service owner"
        entityRef={serviceOwner}
        missingText="not set"
      />
      <OwnerItem label="SRE owner" entityRef={sreOwner} missingText="missing" />
      <OwnerItem
        label="Platform owner"
        entityRef={platformOwner}
        missingText="not set"
      />
    </Flex>
  );
}
