import { Text } from '@backstage/ui';
import type { SloSummary } from '@slo-kit/plugin-slo-common';
import { formatDateTime } from '../../format';

/**
 * For an SLO pulled from an SLI source (e.g. Prometheus) that currently fails:
 * since when, and why. Minutes not pulled have no data (never zeros); they
 * are filled once the source answers. Renders nothing while pulls succeed.
 */
export function SourceUnreachable(props: { slo: SloSummary }) {
  const failing = (props.slo.sources ?? []).filter(
    source => source.unreachableSince !== null,
  );
  if (failing.length === 0) return null;
  return (
    <>
      {failing.map(source => (
        <Text
          key={source.type}
          as="p"
          variant="body-small"
          color="danger"
          aria-label={`${source.type} source unreachable`}
        >
          Source {source.type} unreachable since{' '}
          {formatDateTime(source.unreachableSince!)}
          {source.error ? `: ${source.error}` : ''}. Minutes since then have no
          data until it answers again; they are filled then.
        </Text>
      ))}
    </>
  );
}
