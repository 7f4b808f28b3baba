import { Alert, Text } from '@backstage/ui';
import type { SyncError } from '@slo-kit/plugin-slo-common';

function location(error: SyncError): string {
  const document =
    error.documentName ??
    (error.documentIndex === null
      ? undefined
      : `document ${error.documentIndex + 1}`);
  return [error.file, document, error.path].filter(Boolean).join(' › ');
}

/** Problems met while reading the entity's OpenSLO file, each with where it happened. */
export function SyncErrors(props: { errors: SyncError[] }) {
  if (props.errors.length === 0) {
    return null;
  }
  return (
    <Alert
      status="warning"
      icon
      title={
        props.errors.length === 1
          ? 'The SLO definitions could not be read completely'
          : `${props.errors.length} problems reading the SLO definitions`
      }
      description={
        <ul style={{ margin: 0, paddingLeft: 16 }}>
          {props.errors.map((error, index) => (
            <li key={`${error.file}-${error.path}-${index}`}>
              <Text variant="body-small">
                <code>{location(error)}</code>: {error.message}
              </Text>
            </li>
          ))}
        </ul>
      }
    />
  );
}
