import { Alert, Button } from '@backstage/ui';

/** A failed load, with the server's message and a way to try again. */
export function ErrorState(props: {
  title: string;
  error: Error;
  onRetry?: () => void;
}) {
  return (
    <Alert
      status="danger"
      icon
      title={props.title}
      description={props.error.message}
      customActions={
        props.onRetry ? (
          <Button size="small" variant="secondary" onPress={props.onRetry}>
            Try again
          </Button>
        ) : undefined
      }
    />
  );
}
