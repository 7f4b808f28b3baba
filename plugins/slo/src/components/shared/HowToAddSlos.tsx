import { Flex, Text } from '@backstage/ui';
import {
  ANNOTATION_OPENSLO_REF,
  ANNOTATION_SRE_OWNER,
} from '@slo-kit/plugin-slo-common';

const CATALOG_SNIPPET = `metadata:
  annotations:
    ${ANNOTATION_OPENSLO_REF}: ./slos.yaml
    ${ANNOTATION_SRE_OWNER}: group:default/sre`;

const OPENSLO_SNIPPET = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: availability
spec:
  service: my-service
  budgetingMethod: Occurrences
  timeWindow:
    - duration: 30d
      isRolling: true
  objectives:
    - target: 0.999
  indicator:
    metadata:
      name: good-requests
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: prometheus
            spec:
              query: sum(rate(http_requests_total{code!~"5.."}[1m]))
        total:
          metricSource:
            type: prometheus
            spec:
              query: sum(rate(http_requests_total[1m]))`;

const codeStyle = {
  margin: 0,
  padding: 8,
  borderRadius: 4,
  background: 'var(--bui-bg-neutral-2)',
  color: 'var(--bui-fg-primary)',
  fontFamily: 'var(--bui-font-monospace)',
  fontSize: 12,
  overflowX: 'auto' as const,
};

/** Explains how a service declares its SLOs: the annotation and a minimal OpenSLO file. */
export function HowToAddSlos(props: { reason: string }) {
  return (
    <Flex direction="column" gap="2">
      <Text as="p" variant="body-medium" weight="bold">
        {props.reason}
      </Text>
      <Text as="p" variant="body-small">
        Point the entity at an OpenSLO file kept next to its code, in{' '}
        <code>catalog-info.yaml</code>:
      </Text>
      <pre style={codeStyle} aria-label="catalog-info.yaml annotations">
        {CATALOG_SNIPPET}
      </pre>
      <Text as="p" variant="body-small">
        and describe each objective in <code>slos.yaml</code>:
      </Text>
      <pre style={codeStyle} aria-label="Minimal slos.yaml">
        {OPENSLO_SNIPPET}
      </pre>
    </Flex>
  );
}
