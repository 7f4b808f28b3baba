import { asRecord } from './asRecord';
import { checkShape, reportUnknownFields } from './checkShape';
import { readCounterQuery, type CounterQuery } from './counterSelector';
import type { FieldPath } from './fieldPath';
import { ImportReporter, type ImportIssue } from './importReport';
import type { ImportedSlo } from './importedSlo';
import { openSloName } from './openSloName';
import { readEachDocument } from './readYamlDocuments';
import {
  SLOTH_CRD_FIELDS,
  SLOTH_SPEC_FIELDS,
  slothCrdEnvelopeSchema,
  slothSchemas,
  type SlothFieldNames,
} from './slothSchema';

/** Sloth's default SLO period (`sloth generate --default-slo-period`). */
export const SLOTH_DEFAULT_WINDOW = '30d';

const NOT_CARRIED_ALERTING =
  "Sloth's alert settings; SLO Kit derives multi-window burn-rate alerts from each objective";
const NOT_CARRIED_PLUGINS =
  "Sloth's SLO plugins change the rules Sloth generates; SLO Kit has no counterpart";

/**
 * Reads the Sloth SLO specs of a file (`version: prometheus/v1` documents
 * and `sloth.slok.dev/v1` PrometheusServiceLevel resources) into SLOs to
 * write as OpenSLO. Each SLO is named `<service>-<slo name>` (Sloth's SLO id)
 * and belongs to the spec's service, over a rolling `window`. Everything that
 * is not carried is reported in `issues`.
 */
export function readSlothSpec(
  text: string,
  file: string,
  window: string,
  issues: ImportIssue[],
): ImportedSlo[] {
  return readEachDocument(text, file, issues, (value, index) =>
    readDocument(value, index, file, window, issues),
  );
}

function readDocument(
  value: unknown,
  index: number,
  file: string,
  window: string,
  issues: ImportIssue[],
): ImportedSlo[] {
  const record = asRecord(value);
  if (record?.version === 'prometheus/v1') {
    const reporter = new ImportReporter(
      issues,
      file,
      index,
      typeof record.service === 'string' ? record.service : undefined,
    );
    return readGroup(
      record,
      [],
      SLOTH_SPEC_FIELDS,
      ['version'],
      window,
      reporter,
    );
  }
  if (record?.apiVersion === 'sloth.slok.dev/v1') {
    const metadata = asRecord(record.metadata);
    const reporter = new ImportReporter(
      issues,
      file,
      index,
      typeof metadata?.name === 'string' ? metadata.name : undefined,
    );
    const envelope = checkShape(slothCrdEnvelopeSchema, value, [], reporter);
    if (!envelope) {
      return [];
    }
    reportUnknownFields(
      slothCrdEnvelopeSchema,
      value,
      [],
      reporter,
      'a PrometheusServiceLevel',
    );
    for (const field of ['labels', 'annotations']) {
      if (metadata?.[field] !== undefined) {
        reporter.notCarried(
          ['metadata', field],
          `Kubernetes ${field} of the resource; the OpenSLO output carries the Prometheus labels of spec.labels and spec.slos[].labels`,
        );
      }
    }
    return readGroup(
      envelope.spec,
      ['spec'],
      SLOTH_CRD_FIELDS,
      [],
      window,
      reporter,
    );
  }
  new ImportReporter(issues, file, index).notCarried(
    [],
    'not a Sloth SLO spec: expected version: prometheus/v1, or apiVersion: sloth.slok.dev/v1 with kind: PrometheusServiceLevel',
  );
  return [];
}

/** A spec's service, labels and SLOs (the whole file, or a resource's `spec`). */
function readGroup(
  value: unknown,
  prefix: FieldPath,
  fields: SlothFieldNames,
  alsoKnown: string[],
  window: string,
  reporter: ImportReporter,
): ImportedSlo[] {
  const schemas = slothSchemas(fields);
  const group = checkShape(schemas.group, value, prefix, reporter);
  if (!group) {
    return [];
  }
  reportUnknownFields(
    schemas.group,
    value,
    prefix,
    reporter,
    'Sloth',
    alsoKnown,
  );
  if (group[fields.sloPlugins] !== undefined) {
    reporter.notCarried([...prefix, fields.sloPlugins], NOT_CARRIED_PLUGINS);
  }
  const service = group.service as string;
  const groupLabels = (group.labels ?? {}) as Record<string, string>;
  const slos: ImportedSlo[] = [];
  (group.slos as unknown[]).forEach((sloValue, index) => {
    const slo = readSlo(
      sloValue,
      [...prefix, 'slos', index],
      fields,
      service,
      groupLabels,
      window,
      reporter,
    );
    if (slo) {
      slos.push(slo);
    }
  });
  return slos;
}

function readSlo(
  value: unknown,
  path: FieldPath,
  fields: SlothFieldNames,
  service: string,
  groupLabels: Record<string, string>,
  window: string,
  reporter: ImportReporter,
): ImportedSlo | undefined {
  const schemas = slothSchemas(fields);
  const slo = checkShape(schemas.slo, value, path, reporter);
  if (!slo) {
    return undefined;
  }
  reportUnknownFields(schemas.slo, value, path, reporter, 'Sloth');
  reportUnknownFields(
    schemas.sli,
    slo.sli,
    [...path, 'sli'],
    reporter,
    'Sloth',
  );
  if (slo.alerting !== undefined) {
    reporter.notCarried([...path, 'alerting'], NOT_CARRIED_ALERTING);
  }
  if (slo.plugins !== undefined) {
    reporter.notCarried([...path, 'plugins'], NOT_CARRIED_PLUGINS);
  }

  let carried = true;
  if (!(slo.objective > 0 && slo.objective < 100)) {
    reporter.notCarried(
      [...path, 'objective'],
      `must be a percentage between 0 and 100, exclusive (an objective of 100% leaves no error budget), got ${slo.objective}`,
    );
    carried = false;
  }

  const wantedName = `${service}-${slo.name}`;
  const name = openSloName(wantedName);
  if (!name) {
    reporter.notCarried(
      [...path, 'name'],
      `"${wantedName}" gives no usable OpenSLO name (lower-case letters, digits and dashes)`,
    );
    carried = false;
  } else if (name !== wantedName) {
    reporter.note(
      [...path, 'name'],
      `written as "${name}": OpenSLO names are lower-case letters, digits and dashes, at most 63`,
    );
  }

  const queries = readSli(slo.sli, [...path, 'sli'], fields, reporter);
  if (!carried || !queries || !name) {
    return undefined;
  }
  const labels = {
    ...groupLabels,
    ...((slo.labels ?? {}) as Record<string, string>),
  };
  return {
    name,
    ...(slo.description ? { description: slo.description } : {}),
    service,
    ...(Object.keys(labels).length > 0 ? { labels } : {}),
    window,
    targetPercent: slo.objective,
    ...queries,
    from: {
      documentIndex: reporter.documentIndex,
      ...(reporter.documentName !== undefined
        ? { documentName: reporter.documentName }
        : {}),
      path,
    },
  };
}

/** The counter selectors of an SLI's events; raw ratios and plugins cannot be carried. */
function readSli(
  sli: { events?: unknown; raw?: unknown; plugin?: unknown },
  path: FieldPath,
  fields: SlothFieldNames,
  reporter: ImportReporter,
):
  | Pick<ImportedSlo, 'numerator' | 'numeratorQuery' | 'totalQuery'>
  | undefined {
  const schemas = slothSchemas(fields);
  const given = (['events', 'raw', 'plugin'] as const).filter(
    kind => sli[kind] !== undefined,
  );
  if (given.length !== 1) {
    reporter.notCarried(
      path,
      given.length === 0
        ? 'needs one of events, raw or plugin'
        : `give one of events, raw or plugin, got ${given.join(' and ')}`,
    );
    return undefined;
  }
  if (sli.raw !== undefined) {
    const raw = asRecord(sli.raw);
    reporter.notCarried(
      raw && fields.errorRatioQuery in raw
        ? [...path, 'raw', fields.errorRatioQuery]
        : [...path, 'raw'],
      'a pre-computed error ratio; SLO Kit needs counts of bad (or good) events and of all events',
    );
    return undefined;
  }
  if (sli.plugin !== undefined) {
    const plugin = checkShape(
      schemas.plugin,
      sli.plugin,
      [...path, 'plugin'],
      reporter,
    );
    reporter.notCarried(
      [...path, 'plugin'],
      `the SLI plugin${
        plugin ? ` "${plugin.id}"` : ''
      } builds its queries inside Sloth, so the spec holds no queries to carry`,
    );
    return undefined;
  }
  const eventsPath = [...path, 'events'];
  const events = checkShape(schemas.events, sli.events, eventsPath, reporter);
  if (!events) {
    return undefined;
  }
  reportUnknownFields(
    schemas.events,
    sli.events,
    eventsPath,
    reporter,
    'Sloth',
  );
  const errorPath = [...eventsPath, fields.errorQuery];
  const totalPath = [...eventsPath, fields.totalQuery];
  const error = readQuery(
    events[fields.errorQuery] as string,
    errorPath,
    reporter,
  );
  const total = readQuery(
    events[fields.totalQuery] as string,
    totalPath,
    reporter,
  );
  if (!error || !total) {
    return undefined;
  }
  if (total.kind !== 'counter') {
    reporter.notCarried(
      totalPath,
      'is a difference of two counts; SLO Kit needs the total as one counter selector',
    );
    return undefined;
  }
  if (error.kind === 'counter') {
    return {
      numerator: 'bad',
      numeratorQuery: error.selector.text,
      totalQuery: total.selector.text,
    };
  }
  if (error.minuend.key !== total.selector.key) {
    reporter.notCarried(
      errorPath,
      `is ${error.minuend.text} minus ${error.subtrahend.text}; SLO Kit can carry a difference only when it subtracts the good events from the total query's counter (${total.selector.text})`,
    );
    return undefined;
  }
  reporter.note(
    errorPath,
    `is the total query's counter minus ${error.subtrahend.text}, so that counter is written as the good events`,
  );
  return {
    numerator: 'good',
    numeratorQuery: error.subtrahend.text,
    totalQuery: total.selector.text,
  };
}

function readQuery(
  query: string,
  path: FieldPath,
  reporter: ImportReporter,
): CounterQuery | undefined {
  const read = readCounterQuery(query);
  if (!read.ok) {
    reporter.notCarried(
      path,
      `cannot read a counter selector from this query (expected e.g. sum(rate(<selector>[{{.window}}]))): ${read.reason}`,
    );
    return undefined;
  }
  return read.value;
}
