import { Text } from '@backstage/ui';
import { EntityRefLink } from '@backstage/plugin-catalog-react';

/** Links to an owning group, or says plainly that nobody is named. */
export function OwnerLink(props: {
  entityRef: string | null;
  missingText?: string;
}) {
  if (!props.entityRef) {
    return (
      <Text as="span" variant="body-small" color="warning">
        {props.missingText ?? 'not set'}
      </Text>
    );
  }
  return <EntityRefLink entityRef={props.entityRef} defaultKind="group" />;
}
