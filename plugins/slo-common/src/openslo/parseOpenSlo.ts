import { parseAllDocuments } from 'yaml';
import { IANAZone } from 'luxon';
import type { ZodType } from 'zod';
import {
  documentEnvelopeSchema,
  sliSpecSchema,
  sloSpecSchema,
  type MetricSourceSpec,
  type ObjectiveSpec,
  type SliSpec,
  type SloSpec,
  type TimeWindowSpec,
} from './schema';
import { describeZodIssue, formatPath } from './issuePath';
import { fixedDurationMinutes, parseDuration } from './duration';
import { parseCalendarStart } from './calendarStart';
import type {
  BudgetingMethod,
  Indicator,
  MetricSource,
  OpenSloIssue,
  OpenSloParseResult,
  SloDefinition,
  SloObjective,
  TimeWindow,
} from './types';

/** Slice lengths (minutes) that tile an hour, so hourly rollups stay exact. */
const SLICE_MINUTES_THAT_DIVIDE_AN_HOUR = [
  1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60,
];

type Path = ReadonlyArray<string | number>;

const CALENDAR_UNIT_NAMES: Record<string, string> = {
  M: 'months',
  Q: 'quarters',
  Y: 'years',
};

/** Collects issues for one document. */
class DocumentReporter {
  constructor(
    private readonly issues: OpenSloIssue[],
    private readonly file: string,
    readonly documentIndex: number,
    readonly documentName: string | undefined,
  ) {}

  /** Issues reported so far in the whole file. */
  get issueCount(): number {
    return this.issues.length;
  }

  report(path: Path | string, message: string): void {
    this.issues.push({
      file: this.file,
      documentIndex: this.documentIndex,
      ...(this.documentName !== undefined
        ? { documentName: this.documentName }
        : {}),
      path: typeof path === 'string' ? path : formatPath(path),
      message,
    });
  }

  /** Validates `value` with `schema`; reports every issue and returns undefined on failure. */
  check<T>(schema: ZodType<T>, value: unknown, prefix: Path): T | undefined {
    const result = schema.safeParse(value);
    if (result.success) {
      return result.data;
    }
    for (const issue of result.error.issues) {
      for (const { path, message } of describeZodIssue(issue, prefix)) {
        this.report(path, message);
      }
    }
    return undefined;
  }

  notSupported(path: Path, what: string): void {
    this.report(path, `not supported yet: ${what}`);
  }
}

interface SliDocument {
  spec: SliSpec;
  reporter: DocumentReporter;
}

interface SloDocument {
  name: string;
  displayName?: string;
  spec: SloSpec;
  reporter: DocumentReporter;
}

/**
 * Parses and validates OpenSLO v1 YAML (one or more documents) into normalised
 * SLO definitions. Every problem is reported with the file, the document's
 * index and name, the field path and the reason; a file with any problem
 * yields no definitions at all.
 */
export function parseOpenSlo(
  yamlText: string,
  file: string,
): OpenSloParseResult {
  const issues: OpenSloIssue[] = [];
  const slis = new Map<string, SliDocument>();
  const sloDocuments: SloDocument[] = [];

  const documents = parseAllDocuments(yamlText);
  const documentList = Array.isArray(documents) ? documents : [];

  documentList.forEach((document, documentIndex) => {
    if (document.errors.length > 0) {
      const reporter = new DocumentReporter(
        issues,
        file,
        documentIndex,
        undefined,
      );
      for (const error of document.errors) {
        const line = error.linePos?.[0];
        const where = line ? ` (line ${line.line}, column ${line.col})` : '';
        reporter.report(
          '',
          `invalid YAML${where}: ${firstLine(error.message)}`,
        );
      }
      return;
    }
    const value: unknown = document.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) {
      return; // an empty document, e.g. after a trailing `---`
    }
    const reporter = new DocumentReporter(
      issues,
      file,
      documentIndex,
      nameOf(value),
    );
    const envelope = reporter.check(documentEnvelopeSchema, value, []);
    if (!envelope) {
      return;
    }
    const name = envelope.metadata.name;
    if (envelope.kind === 'SLI') {
      const spec = reporter.check(sliSpecSchema, envelope.spec, ['spec']);
      if (spec) {
        if (slis.has(name)) {
          reporter.report(
            'metadata.name',
            `another kind: SLI document in this file is also named "${name}"`,
          );
        } else {
          slis.set(name, { spec, reporter });
        }
      }
    } else if (envelope.kind === 'SLO') {
      const spec = reporter.check(sloSpecSchema, envelope.spec, ['spec']);
      if (spec) {
        if (sloDocuments.some(d => d.name === name)) {
          reporter.report(
            'metadata.name',
            `another kind: SLO document in this file is also named "${name}"`,
          );
        } else {
          sloDocuments.push({
            name,
            displayName: envelope.metadata.displayName,
            spec,
            reporter,
          });
        }
      }
    } else {
      reporter.notSupported(
        ['kind'],
        `kind ${envelope.kind}; SLO Kit reads kind SLO and kind SLI`,
      );
    }
  });

  if (issues.length === 0 && sloDocuments.length === 0) {
    issues.push({
      file,
      documentIndex: 0,
      path: '',
      message: 'the file holds no kind: SLO document (apiVersion: openslo/v1)',
    });
  }

  const slos: SloDefinition[] = [];
  for (const document of sloDocuments) {
    const slo = normaliseSlo(document, slis);
    if (slo) {
      slos.push(slo);
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, slos };
}

function normaliseSlo(
  document: SloDocument,
  slis: Map<string, SliDocument>,
): SloDefinition | undefined {
  const { spec, reporter } = document;
  const before = countIssues(reporter);

  if (spec.alertPolicies !== undefined) {
    reporter.notSupported(
      ['spec', 'alertPolicies'],
      'alertPolicies; SLO Kit derives multi-window burn-rate alerts from each objective',
    );
  }

  let indicator: Indicator | undefined;
  if (spec.indicator && spec.indicatorRef !== undefined) {
    reporter.report(
      'spec.indicatorRef',
      'give either indicator or indicatorRef, not both',
    );
  } else if (spec.indicator) {
    indicator = normaliseIndicator(
      spec.indicator.spec,
      spec.indicator.metadata?.name,
      ['spec', 'indicator', 'spec'],
      reporter,
    );
  } else if (spec.indicatorRef !== undefined) {
    const sli = slis.get(spec.indicatorRef);
    if (!sli) {
      const known = [...slis.keys()];
      reporter.report(
        'spec.indicatorRef',
        `no kind: SLI document named "${spec.indicatorRef}" in this file${
          known.length ? ` (found: ${known.join(', ')})` : ''
        }`,
      );
    } else {
      // Problems inside the SLI are reported once, against the SLI document.
      indicator = normaliseIndicator(
        sli.spec,
        spec.indicatorRef,
        ['spec'],
        sli.reporter,
        reporter,
      );
    }
  } else {
    reporter.report(
      'spec.indicator',
      'is required: give an inline indicator or an indicatorRef to a kind: SLI in this file',
    );
  }

  const timeWindow = normaliseTimeWindow(spec.timeWindow, reporter);
  const objectives = spec.objectives.map((objective, index) =>
    normaliseObjective(
      objective,
      index,
      spec.budgetingMethod,
      indicator,
      reporter,
    ),
  );

  if (
    countIssues(reporter) > before ||
    !indicator ||
    !timeWindow ||
    objectives.some(o => !o)
  ) {
    return undefined;
  }
  return {
    name: document.name,
    ...(document.displayName !== undefined
      ? { displayName: document.displayName }
      : {}),
    ...(spec.description !== undefined
      ? { description: spec.description }
      : {}),
    ...(spec.service !== undefined ? { service: spec.service } : {}),
    indicator,
    timeWindow,
    budgetingMethod: spec.budgetingMethod,
    objectives: objectives as SloObjective[],
  };
}

const sliReportCache = new WeakMap<
  DocumentReporter,
  Map<SliSpec, Indicator | undefined>
>();

function normaliseIndicator(
  spec: SliSpec,
  name: string | undefined,
  prefix: Path,
  reporter: DocumentReporter,
  referrer?: DocumentReporter,
): Indicator | undefined {
  // An SLI referenced by several SLOs is checked (and reported) only once.
  let cache = sliReportCache.get(reporter);
  if (!cache) {
    cache = new Map();
    sliReportCache.set(reporter, cache);
  }
  if (cache.has(spec)) {
    const cached = cache.get(spec);
    if (!cached && referrer) {
      referrer.report(
        'spec.indicatorRef',
        `the kind: SLI document "${name}" it points to has errors`,
      );
    }
    return cached;
  }
  const result = normaliseIndicatorOnce(spec, name, prefix, reporter);
  cache.set(spec, result);
  if (!result && referrer) {
    referrer.report(
      'spec.indicatorRef',
      `the kind: SLI document "${name}" it points to has errors`,
    );
  }
  return result;
}

function normaliseIndicatorOnce(
  spec: SliSpec,
  name: string | undefined,
  prefix: Path,
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
    const source = normaliseMetricSource(
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
  const numeratorSource = normaliseMetricSource(
    (ratio.good ?? ratio.bad)!.metricSource,
    [...ratioPath, numerator, 'metricSource'],
    reporter,
  );
  const totalSource = normaliseMetricSource(
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

function normaliseMetricSource(
  source: MetricSourceSpec,
  path: Path,
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

function normaliseTimeWindow(
  value: TimeWindowSpec | TimeWindowSpec[],
  reporter: DocumentReporter,
): TimeWindow | undefined {
  let window: TimeWindowSpec;
  let path: Path;
  if (Array.isArray(value)) {
    if (value.length !== 1) {
      reporter.report(
        'spec.timeWindow',
        `must hold exactly one time window, got ${value.length}`,
      );
      return undefined;
    }
    window = value[0];
    path = ['spec', 'timeWindow', 0];
  } else {
    window = value;
    path = ['spec', 'timeWindow'];
  }
  const duration = parseDuration(window.duration);
  if (typeof duration === 'string') {
    reporter.report([...path, 'duration'], duration);
    return undefined;
  }
  const rolling = window.isRolling ?? !window.calendar;
  if (rolling) {
    if (window.calendar) {
      reporter.report(
        [...path, 'calendar'],
        'a rolling window (isRolling: true) cannot have a calendar',
      );
      return undefined;
    }
    const minutes = fixedDurationMinutes(duration);
    if (minutes === undefined) {
      reporter.notSupported(
        [...path, 'duration'],
        `rolling windows measured in ${CALENDAR_UNIT_NAMES[duration.unit]} ("${
          window.duration
        }") have no fixed length; use days (e.g. 28d or 30d) or a calendar window`,
      );
      return undefined;
    }
    return {
      kind: 'rolling',
      duration: window.duration,
      durationMinutes: minutes,
    };
  }
  if (!window.calendar) {
    reporter.report(
      [...path, 'calendar'],
      'is required when isRolling is false: give calendar.startTime and calendar.timeZone',
    );
    return undefined;
  }
  const { startTime, timeZone } = window.calendar;
  if (!IANAZone.isValidZone(timeZone)) {
    reporter.report(
      [...path, 'calendar', 'timeZone'],
      `"${timeZone}" is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC)`,
    );
    return undefined;
  }
  if (!parseCalendarStart(startTime, timeZone)) {
    reporter.report(
      [...path, 'calendar', 'startTime'],
      `"${startTime}" is not a date-time; use the form 2022-01-01 00:00:00`,
    );
    return undefined;
  }
  return {
    kind: 'calendar',
    duration: window.duration,
    amount: duration.amount,
    unit: duration.unit,
    startTime,
    timeZone,
  };
}

function normaliseObjective(
  objective: ObjectiveSpec,
  index: number,
  method: BudgetingMethod,
  indicator: Indicator | undefined,
  reporter: DocumentReporter,
): SloObjective | undefined {
  const path = ['spec', 'objectives', index];
  const before = countIssues(reporter);
  for (const field of [
    'indicator',
    'indicatorRef',
    'compositeWeight',
  ] as const) {
    if (objective[field] !== undefined) {
      reporter.notSupported(
        [...path, field],
        `${field} on an objective (composite SLOs); put the indicator on the SLO`,
      );
    }
  }

  let target: number | undefined;
  if (objective.target !== undefined && objective.targetPercent !== undefined) {
    reporter.report(
      [...path, 'targetPercent'],
      'give either target or targetPercent, not both',
    );
  } else if (objective.target !== undefined) {
    if (objective.target > 0 && objective.target < 1) {
      target = objective.target;
    } else {
      const hint =
        objective.target > 1 && objective.target < 100
          ? ` (did you mean targetPercent: ${objective.target}?)`
          : '';
      reporter.report(
        [...path, 'target'],
        `must be a fraction between 0 and 1, exclusive (e.g. 0.999), got ${objective.target}${hint}`,
      );
    }
  } else if (objective.targetPercent !== undefined) {
    if (objective.targetPercent > 0 && objective.targetPercent < 100) {
      target = Number((objective.targetPercent / 100).toPrecision(12));
    } else {
      reporter.report(
        [...path, 'targetPercent'],
        `must be a percentage between 0 and 100, exclusive (e.g. 99.9), got ${objective.targetPercent}`,
      );
    }
  } else {
    reporter.report(
      [...path, 'target'],
      'is required: give target (e.g. 0.999) or targetPercent (e.g. 99.9)',
    );
  }

  let timeSliceTarget: number | undefined;
  if (objective.timeSliceTarget !== undefined) {
    if (method !== 'Timeslices') {
      reporter.report(
        [...path, 'timeSliceTarget'],
        `applies only to budgetingMethod Timeslices, not ${method}`,
      );
    } else if (
      !(objective.timeSliceTarget > 0 && objective.timeSliceTarget <= 1)
    ) {
      reporter.report(
        [...path, 'timeSliceTarget'],
        `must be a fraction in (0, 1], got ${objective.timeSliceTarget}`,
      );
    } else {
      timeSliceTarget = objective.timeSliceTarget;
    }
  } else if (method === 'Timeslices' && indicator?.kind === 'ratio') {
    reporter.report(
      [...path, 'timeSliceTarget'],
      'is required with budgetingMethod Timeslices: the good-event ratio a slice needs to count as good (e.g. 0.95)',
    );
  }

  let timeSliceWindowMinutes: number | undefined;
  if (objective.timeSliceWindow !== undefined) {
    const windowPath = [...path, 'timeSliceWindow'];
    if (method === 'Occurrences') {
      reporter.report(
        windowPath,
        'applies only to budgetingMethod Timeslices or RatioTimeslices',
      );
    } else if (typeof objective.timeSliceWindow === 'number') {
      reporter.notSupported(
        windowPath,
        `a bare number (${objective.timeSliceWindow}); write a duration such as 1m or 5m`,
      );
    } else {
      const duration = parseDuration(objective.timeSliceWindow);
      const minutes =
        typeof duration === 'string'
          ? undefined
          : fixedDurationMinutes(duration);
      if (typeof duration === 'string') {
        reporter.report(windowPath, duration);
      } else if (
        minutes === undefined ||
        !SLICE_MINUTES_THAT_DIVIDE_AN_HOUR.includes(minutes)
      ) {
        reporter.notSupported(
          windowPath,
          `time slices of ${objective.timeSliceWindow}; a slice must divide one hour (1m, 2m, 3m, 4m, 5m, 6m, 10m, 12m, 15m, 20m, 30m or 1h)`,
        );
      } else {
        timeSliceWindowMinutes = minutes;
      }
    }
  }

  if (indicator?.kind === 'threshold') {
    if (objective.op === undefined) {
      reporter.report(
        [...path, 'op'],
        'is required with a thresholdMetric: one of lt, lte, gt, gte',
      );
    }
    if (objective.value === undefined) {
      reporter.report(
        [...path, 'value'],
        'is required with a thresholdMetric: the threshold each measurement is compared with',
      );
    }
  } else if (indicator?.kind === 'ratio') {
    for (const field of ['op', 'value'] as const) {
      if (objective[field] !== undefined) {
        reporter.report(
          [...path, field],
          'applies only to a thresholdMetric indicator; a ratioMetric is judged by target',
        );
      }
    }
  }

  if (countIssues(reporter) > before || target === undefined) {
    return undefined;
  }
  return {
    ...(objective.displayName !== undefined
      ? { displayName: objective.displayName }
      : {}),
    target,
    ...(timeSliceTarget !== undefined ? { timeSliceTarget } : {}),
    ...(timeSliceWindowMinutes !== undefined ? { timeSliceWindowMinutes } : {}),
    ...(indicator?.kind === 'threshold'
      ? { op: objective.op, value: objective.value }
      : {}),
  };
}

function countIssues(reporter: DocumentReporter): number {
  return reporter.issueCount;
}

function nameOf(value: unknown): string | undefined {
  if (typeof value === 'object' && value !== null) {
    const metadata = (value as { metadata?: unknown }).metadata;
    if (typeof metadata === 'object' && metadata !== null) {
      const name = (metadata as { name?: unknown }).name;
      return typeof name === 'string' ? name : undefined;
    }
  }
  return undefined;
}

function firstLine(text: string): string {
  return text.split('\n')[0];
}
