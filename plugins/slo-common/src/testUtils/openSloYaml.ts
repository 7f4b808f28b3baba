import type { BudgetingMethod } from '../openslo/types';

/** What {@link openSloDocument} writes; every field has a default. */
export interface OpenSloDocumentOptions {
  /** `metadata.name`. */
  name: string;
  /** `metadata.displayName`; none when null. Default `<name> SLO`. */
  displayName?: string | null;
  /** The objective's `displayName`; none when null. Default `<name>`. */
  objectiveDisplayName?: string | null;
  /** `spec.service`; none when null. Default `demo`. */
  service?: string | null;
  /** Default Occurrences. */
  budgetingMethod?: BudgetingMethod;
  /** A rolling window's duration, e.g. `30d`. Default `28d`. */
  duration?: string;
  /** The objective's target as a fraction. Default 0.999. */
  target?: number;
  /** The objective's timeSliceTarget (Timeslices). None unless given. */
  timeSliceTarget?: number;
  /** `metadata.name` of the inline indicator. Default `<name>-ratio`. */
  indicatorName?: string;
  /** `metricSource.type` of good and total: `push`, or a pulled SLI source's type. Default `push`. */
  sourceType?: string;
}

/**
 * One OpenSLO v1 `kind: SLO` document with an inline, pushed ratio indicator
 * (good and total counts) over a rolling window, as YAML text.
 */
export function openSloDocument(options: OpenSloDocumentOptions): string {
  const {
    name,
    displayName = `${name} SLO`,
    objectiveDisplayName = name,
    service = 'demo',
    budgetingMethod = 'Occurrences',
    duration = '28d',
    target = 0.999,
    timeSliceTarget,
    indicatorName = `${name}-ratio`,
    sourceType = 'push',
  } = options;
  const lines = [
    'apiVersion: openslo/v1',
    'kind: SLO',
    'metadata:',
    `  name: ${name}`,
    ...(displayName === null ? [] : [`  displayName: ${displayName}`]),
    'spec:',
    ...(service === null ? [] : [`  service: ${service}`]),
    `  budgetingMethod: ${budgetingMethod}`,
    '  timeWindow:',
    `    - duration: ${duration}`,
    '      isRolling: true',
    '  indicator:',
    '    metadata:',
    `      name: ${indicatorName}`,
    '    spec:',
    '      ratioMetric:',
    '        counter: true',
    '        good:',
    '          metricSource:',
    `            type: ${sourceType}`,
    '            spec: {}',
    '        total:',
    '          metricSource:',
    `            type: ${sourceType}`,
    '            spec: {}',
    '  objectives:',
    ...objectiveLines([
      ...(objectiveDisplayName === null
        ? []
        : [`displayName: ${objectiveDisplayName}`]),
      `target: ${target}`,
      ...(timeSliceTarget === undefined
        ? []
        : [`timeSliceTarget: ${timeSliceTarget}`]),
    ]),
  ];
  return `${lines.join('\n')}\n`;
}

/** The fields of one list item, as YAML lines under `objectives:`. */
function objectiveLines(fields: string[]): string[] {
  return fields.map((field, i) => `${i === 0 ? '    - ' : '      '}${field}`);
}

/**
 * OpenSLO v1 YAML with one Occurrences SLO per name (see
 * {@link openSloDocument}), pushed unless another `sourceType` is given.
 */
export function openSloYaml(
  names: string[],
  target = 0.999,
  sourceType = 'push',
): string {
  return names
    .map(name => openSloDocument({ name, target, sourceType }))
    .join('---\n');
}
