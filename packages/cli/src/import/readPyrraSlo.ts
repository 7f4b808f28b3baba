import { asRecord } from './asRecord';
import { checkShape, reportUnknownFields } from './checkShape';
import { equalityMatcher, readSelector } from './counterSelector';
import type { FieldPath } from './fieldPath';
import { ImportReporter, type ImportIssue } from './importReport';
import type { ImportedSlo } from './importedSlo';
import { openSloDuration } from './promDuration';
import { openSloName } from './openSloName';
import {
  pyrraDocumentSchema,
  pyrraIndicatorSchema,
  pyrraLatencySchema,
  pyrraQuerySchema,
  pyrraRatioSchema,
  pyrraSpecSchema,
} from './pyrraSchema';
import { readEachDocument } from './readYamlDocuments';

/** The label of a Pyrra SLO that names its service. */
export const PYRRA_SERVICE_LABEL = 'pyrra.dev/service';

const WHAT = 'Pyrra';

/** Options of {@link readPyrraSlo}. */
export interface PyrraImportOptions {
  /** spec.service of every SLO; otherwise the service label, else the namespace. */
  service?: string;
}

/**
 * Reads the Pyrra `ServiceLevelObjective` resources of a file into SLOs to
 * write as OpenSLO: the ratio indicator's errors become `bad`, the latency
 * indicator's success becomes `good`, each with its total, over the
 * resource's window. Everything that is not carried is reported in `issues`.
 */
export function readPyrraSlo(
  text: string,
  file: string,
  options: PyrraImportOptions,
  issues: ImportIssue[],
): ImportedSlo[] {
  return readEachDocument(text, file, issues, (value, index) => {
    const slo = readDocument(value, index, file, options, issues);
    return slo ? [slo] : [];
  });
}

function readDocument(
  value: unknown,
  index: number,
  file: string,
  options: PyrraImportOptions,
  issues: ImportIssue[],
): ImportedSlo | undefined {
  const record = asRecord(value);
  const metadataName = asRecord(record?.metadata)?.name;
  const reporter = new ImportReporter(
    issues,
    file,
    index,
    typeof metadataName === 'string' ? metadataName : undefined,
  );
  if (
    record?.apiVersion !== 'pyrra.dev/v1alpha1' ||
    record?.kind !== 'ServiceLevelObjective'
  ) {
    reporter.notCarried(
      [],
      'not a Pyrra SLO: expected apiVersion: pyrra.dev/v1alpha1 and kind: ServiceLevelObjective',
    );
    return undefined;
  }
  const document = checkShape(pyrraDocumentSchema, value, [], reporter);
  if (!document) {
    return undefined;
  }
  const { metadata, spec } = document;
  reportUnknownFields(pyrraDocumentSchema, value, [], reporter, WHAT);
  reportUnknownFields(pyrraSpecSchema, spec, ['spec'], reporter, WHAT);
  reportUnknownFields(
    pyrraIndicatorSchema,
    spec.indicator,
    ['spec', 'indicator'],
    reporter,
    WHAT,
  );
  if (spec.alerting !== undefined) {
    reporter.notCarried(
      ['spec', 'alerting'],
      "Pyrra's alert settings; SLO Kit derives multi-window burn-rate alerts from each objective",
    );
  }
  for (const field of [
    'partial_response_strategy',
    'performanceOverAccuracy',
    'ruleOutput',
  ] as const) {
    if (spec[field] !== undefined) {
      reporter.notCarried(
        ['spec', field],
        'settings of the Prometheus rules Pyrra generates; SLO Kit generates no rules',
      );
    }
  }

  let carried = true;
  const name = openSloName(metadata.name);
  if (!name) {
    reporter.notCarried(
      ['metadata', 'name'],
      `"${metadata.name}" gives no usable OpenSLO name (lower-case letters, digits and dashes)`,
    );
    carried = false;
  } else if (name !== metadata.name) {
    reporter.note(
      ['metadata', 'name'],
      `written as "${name}": OpenSLO names are lower-case letters, digits and dashes, at most 63`,
    );
  }

  const targetPercent =
    typeof spec.target === 'number' ? spec.target : Number(spec.target.trim());
  if (
    (typeof spec.target === 'string' && spec.target.trim() === '') ||
    !(targetPercent > 0 && targetPercent < 100)
  ) {
    reporter.notCarried(
      ['spec', 'target'],
      `must be a percentage between 0 and 100, exclusive (e.g. "99.5"), got ${JSON.stringify(
        spec.target,
      )}`,
    );
    carried = false;
  }

  const window = openSloDuration(spec.window);
  if (!window.ok) {
    reporter.notCarried(['spec', 'window'], window.reason);
    carried = false;
  } else if (window.value.rewritten) {
    reporter.note(['spec', 'window'], `written as ${window.value.duration}`);
  }

  const queries = readIndicator(spec.indicator, reporter);
  if (!carried || !queries || !name || !window.ok) {
    return undefined;
  }
  const service = serviceOf(metadata, options);
  if (!service) {
    reporter.note(
      ['metadata'],
      `no service: give the label ${PYRRA_SERVICE_LABEL}, a namespace or --service; spec.service is left out`,
    );
  }
  return {
    name,
    ...(spec.description ? { description: spec.description } : {}),
    ...(service ? { service } : {}),
    ...(metadata.labels && Object.keys(metadata.labels).length > 0
      ? { labels: metadata.labels as Record<string, string> }
      : {}),
    ...(metadata.annotations && Object.keys(metadata.annotations).length > 0
      ? { annotations: metadata.annotations as Record<string, string> }
      : {}),
    window: window.value.duration,
    targetPercent,
    ...queries,
    from: {
      documentIndex: reporter.documentIndex,
      ...(reporter.documentName !== undefined
        ? { documentName: reporter.documentName }
        : {}),
      path: [],
    },
  };
}

function readIndicator(
  indicator: Record<string, unknown>,
  reporter: ImportReporter,
):
  | Pick<ImportedSlo, 'numerator' | 'numeratorQuery' | 'totalQuery'>
  | undefined {
  const path: FieldPath = ['spec', 'indicator'];
  const given = ['ratio', 'latency', 'latencyNative', 'bool_gauge'].filter(
    kind => indicator[kind] !== undefined,
  );
  if (given.length !== 1) {
    reporter.notCarried(
      path,
      given.length === 0
        ? 'needs one of ratio, latency, latencyNative or bool_gauge'
        : `give one of ratio, latency, latencyNative or bool_gauge, got ${given.join(
            ' and ',
          )}`,
    );
    return undefined;
  }
  const kind = given[0];
  const kindPath = [...path, kind];
  if (kind === 'latencyNative') {
    reporter.notCarried(
      kindPath,
      'latency from a native histogram; SLO Kit reads counters (use latency with a classic _bucket histogram)',
    );
    return undefined;
  }
  if (kind === 'bool_gauge') {
    reporter.notCarried(
      kindPath,
      'a boolean gauge (the share of samples that are 1); SLO Kit reads counters of good or bad and total events',
    );
    return undefined;
  }
  const schema = kind === 'ratio' ? pyrraRatioSchema : pyrraLatencySchema;
  const value =
    kind === 'ratio'
      ? checkShape(pyrraRatioSchema, indicator[kind], kindPath, reporter)
      : checkShape(pyrraLatencySchema, indicator[kind], kindPath, reporter);
  if (!value) {
    return undefined;
  }
  reportUnknownFields(schema, indicator[kind], kindPath, reporter, WHAT);
  if (value.grouping && value.grouping.length > 0) {
    reporter.notCarried(
      [...kindPath, 'grouping'],
      `grouping by ${value.grouping.join(
        ', ',
      )} (one SLO per group); the SLO is written over all series together`,
    );
  }
  const numeratorField = kind === 'ratio' ? 'errors' : 'success';
  const numerator = readMetric(
    (value as Record<string, unknown>)[numeratorField],
    [...kindPath, numeratorField],
    reporter,
  );
  const total = readMetric(value.total, [...kindPath, 'total'], reporter);
  if (!numerator || !total) {
    return undefined;
  }
  if (kind === 'latency' && equalityMatcher(numerator, 'le') === undefined) {
    reporter.notCarried(
      [...kindPath, 'success', 'metric'],
      'needs a bucket selector with le="<seconds>" (the requests faster than the threshold)',
    );
    return undefined;
  }
  return {
    numerator: kind === 'ratio' ? 'bad' : 'good',
    numeratorQuery: numerator.text,
    totalQuery: total.text,
  };
}

function readMetric(value: unknown, path: FieldPath, reporter: ImportReporter) {
  const query = checkShape(pyrraQuerySchema, value, path, reporter);
  if (!query) {
    return undefined;
  }
  reportUnknownFields(pyrraQuerySchema, value, path, reporter, WHAT);
  const selector = readSelector(query.metric);
  if (!selector.ok) {
    reporter.notCarried(
      [...path, 'metric'],
      `cannot read a counter selector from this query: ${selector.reason}`,
    );
    return undefined;
  }
  return selector.value;
}

function serviceOf(
  metadata: { namespace?: string; labels?: Record<string, string> },
  options: PyrraImportOptions,
): string | undefined {
  return (
    options.service ??
    metadata.labels?.[PYRRA_SERVICE_LABEL] ??
    metadata.namespace
  );
}
