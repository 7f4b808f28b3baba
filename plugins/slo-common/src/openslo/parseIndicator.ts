import type { MetricSourceSpec, SliSpec } from './schema';
import type { DocumentReporter, FieldPath } from './DocumentReporter';
import type { Indicator, MetricSource } from './types';

/**
 * Normalises an SLI spec (inline on an SLO, or a kind: SLI document) into an
 * indicator: a ratio of good (or bad) to total events, or a threshold metric.
 * Problems are reported at `prefix`; undefined when there are any.
 */
export function parseIndicator(
  spec: SliSpec,
  name: string | undefined,
  prefix: FieldPath,
  reporter: DocumentReporter,
): Indicator | undefined {
  const named = name !== undefined ? { name } : {};
  if (spec.ratioMetric && spec.thresholdMetric) {
    reporter.report(
      prefix,
      'give either ratioMetric or thresholdMetric, not both',
    );
    return undefined;
  }
  if (spec.thresholdMetric) {
    const source = parseMetricSource(
      spec.thresholdMetric.metricSource,
      [...prefix, 'thresholdMetric', 'metricSource'],
      reporter,
    );
    return source ? { kind: 'threshold', ...named, source } : undefined;
  }
  const ratio = spec.ratioMetric;
  if (!ratio) {
    reporter.report(
      prefix,
      'needs ratioMetric (good or bad, and total) or thresholdMetric',
    );
    return undefined;
  }
  const ratioPath = [...prefix, 'ratioMetric'];
  if (ratio.raw !== undefined || ratio.rawType !== undefined) {
    reporter.notSupported(
      [...ratioPath, ratio.raw !== undefined ? 'raw' : 'rawType'],
      'raw (pre-computed) ratio metrics; SLO Kit needs good or bad event counts and total counts',
    );
    return undefined;
  }
  if (ratio.good && ratio.bad) {
    reporter.report(ratioPath, 'give either good or bad, not both');
    return undefined;
  }
  if (!ratio.good && !ratio.bad) {
    reporter.report(
      [...ratioPath, 'good'],
      'is required: give good (or bad) event counts',
    );
    return undefined;
  }
  if (!ratio.total) {
    reporter.report(
      [...ratioPath, 'total'],
      'is required: give the total event count',
    );
    return undefined;
  }
  const numerator: 'good' | 'bad' = ratio.good ? 'good' : 'bad';
  const numeratorSource = parseMetricSource(
    (ratio.good ?? ratio.bad)!.metricSource,
    [...ratioPath, numerator, 'metricSource'],
    reporter,
  );
  const totalSource = parseMetricSource(
    ratio.total.metricSource,
    [...ratioPath, 'total', 'metricSource'],
    reporter,
  );
  if (!numeratorSource || !totalSource) {
    return undefined;
  }
  return {
    kind: 'ratio',
    ...named,
    counter: ratio.counter ?? false,
    numerator,
    numeratorSource,
    totalSource,
  };
}

/** A metric source given inline: `prometheus` (pulled, needs a query) or any other type (pushed). */
function parseMetricSource(
  source: MetricSourceSpec,
  path: FieldPath,
  reporter: DocumentReporter,
): MetricSource | undefined {
  if (source.metricSourceRef !== undefined) {
    reporter.notSupported(
      [...path, 'metricSourceRef'],
      'metricSourceRef (kind: DataSource); give the source inline with type and spec',
    );
    return undefined;
  }
  if (!source.type) {
    reporter.report(
      [...path, 'type'],
      'is required: e.g. prometheus (pulled) or any other name for pushed data',
    );
    return undefined;
  }
  const spec = source.spec ?? {};
  const query = typeof spec.query === 'string' ? spec.query : undefined;
  if (source.type.toLowerCase() === 'prometheus') {
    if (!query || query.trim() === '') {
      reporter.report(
        [...path, 'spec', 'query'],
        'is required for prometheus sources: the PromQL to run',
      );
      return undefined;
    }
    return { type: 'prometheus', query, spec };
  }
  return { type: source.type, ...(query !== undefined ? { query } : {}), spec };
}
