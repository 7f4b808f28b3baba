import {
  documentEnvelopeSchema,
  sliSpecSchema,
  sloSpecSchema,
  type SliSpec,
  type SloSpec,
} from './schema';
import { DocumentReporter } from './DocumentReporter';
import { parseIndicator } from './parseIndicator';
import { parseTimeWindow } from './parseTimeWindow';
import { parseObjective } from './parseObjective';
import { OPENSLO_LIMITS } from './limits';
import { readYamlDocuments } from './readYamlDocuments';
import type { FieldLocator } from './sourcePosition';
import type {
  Indicator,
  OpenSloIssue,
  OpenSloParseResult,
  SloDefinition,
  SloObjective,
} from './types';

/** A valid kind: SLI document of the file. */
interface SliDocument {
  name: string;
  spec: SliSpec;
  reporter: DocumentReporter;
  /**
   * Set once the SLI has been normalised (undefined inside when it has
   * errors), so an SLI that several SLOs point to is checked and reported once.
   */
  parsed?: { indicator: Indicator | undefined };
}

/** A valid kind: SLO document of the file. */
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
 * yields no definitions at all. It never throws: input beyond
 * {@link OPENSLO_LIMITS} (documents, nesting, aliases, window lengths) is
 * reported like any other problem, and at most `maxIssues` issues are
 * returned, with the total in `issueCount`.
 */
export function parseOpenSlo(
  yamlText: string,
  file: string,
): OpenSloParseResult {
  const issues: OpenSloIssue[] = [];
  let documentIndex = 0;
  let slos: SloDefinition[] = [];
  try {
    const slis = new Map<string, SliDocument>();
    const sloDocuments: SloDocument[] = [];
    for (const read of readYamlDocuments(String(yamlText))) {
      documentIndex = read.index;
      if (read.kind === 'tooMany') {
        issues.push({
          file,
          documentIndex: read.index,
          path: '',
          message: `too many YAML documents: SLO Kit reads at most ${OPENSLO_LIMITS.maxDocuments} per file; split the file`,
        });
        break;
      }
      if (read.kind === 'invalid') {
        const reporter = new DocumentReporter(
          issues,
          file,
          read.index,
          undefined,
        );
        read.problems.forEach(({ message, at }) =>
          reporter.report('', message, at),
        );
        continue;
      }
      readDocument(read, file, issues, slis, sloDocuments);
    }

    if (issues.length === 0 && sloDocuments.length === 0) {
      issues.push({
        file,
        documentIndex: 0,
        path: '',
        message:
          'the file holds no kind: SLO document (apiVersion: openslo/v1)',
      });
    }
    slos = sloDocuments.flatMap(document => parseSlo(document, slis) ?? []);
  } catch (error) {
    // Not expected (the limits above keep the YAML library within bounds),
    // but one bad file must never break a caller: report it like a problem.
    issues.push({
      file,
      documentIndex,
      path: '',
      message: `could not be read: ${
        error instanceof RangeError
          ? 'the YAML is too complex'
          : 'unexpected error'
      } (${error instanceof Error ? error.name : typeof error})`,
    });
  }
  if (issues.length === 0) {
    return { ok: true, slos };
  }
  return {
    ok: false,
    issues: issues.slice(0, OPENSLO_LIMITS.maxIssues),
    issueCount: issues.length,
  };
}

/** Checks one document's envelope and files it as an SLI or SLO document. */
function readDocument(
  read: { value: unknown; index: number; locate: FieldLocator },
  file: string,
  issues: OpenSloIssue[],
  slis: Map<string, SliDocument>,
  sloDocuments: SloDocument[],
): void {
  const { value } = read;
  if (value === null || value === undefined) {
    return; // an empty document, e.g. after a trailing `---`
  }
  const reporter = new DocumentReporter(
    issues,
    file,
    read.index,
    nameOf(value),
    read.locate,
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
        slis.set(name, { name, spec, reporter });
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
}

/** Normalises one SLO document: its indicator, time window and objectives. */
function parseSlo(
  document: SloDocument,
  slis: Map<string, SliDocument>,
): SloDefinition | undefined {
  const { spec, reporter } = document;
  const before = reporter.issueCount;

  if (spec.alertPolicies !== undefined) {
    reporter.notSupported(
      ['spec', 'alertPolicies'],
      'alertPolicies; SLO Kit derives multi-window burn-rate alerts from each objective',
    );
  }

  const indicator = sloIndicator(spec, slis, reporter);
  const timeWindow = parseTimeWindow(spec.timeWindow, reporter);
  const objectives = spec.objectives.map((objective, index) =>
    parseObjective(objective, index, spec.budgetingMethod, indicator, reporter),
  );

  if (
    reporter.issueCount > before ||
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

/** The SLO's indicator: given inline, or the kind: SLI document it points to. */
function sloIndicator(
  spec: SloSpec,
  slis: Map<string, SliDocument>,
  reporter: DocumentReporter,
): Indicator | undefined {
  if (spec.indicator && spec.indicatorRef !== undefined) {
    reporter.report(
      'spec.indicatorRef',
      'give either indicator or indicatorRef, not both',
    );
    return undefined;
  }
  if (spec.indicator) {
    return parseIndicator(
      spec.indicator.spec,
      spec.indicator.metadata?.name,
      ['spec', 'indicator', 'spec'],
      reporter,
    );
  }
  if (spec.indicatorRef === undefined) {
    reporter.report(
      'spec.indicator',
      'is required: give an inline indicator or an indicatorRef to a kind: SLI in this file',
    );
    return undefined;
  }
  const sli = slis.get(spec.indicatorRef);
  if (!sli) {
    reporter.report(
      'spec.indicatorRef',
      `no kind: SLI document named "${
        spec.indicatorRef
      }" in this file${foundNames([...slis.keys()])}`,
    );
    return undefined;
  }
  // Problems inside the SLI are reported once, against the SLI document.
  sli.parsed ??= {
    indicator: parseIndicator(sli.spec, sli.name, ['spec'], sli.reporter),
  };
  if (!sli.parsed.indicator) {
    reporter.report(
      'spec.indicatorRef',
      `the kind: SLI document "${sli.name}" it points to has errors`,
    );
  }
  return sli.parsed.indicator;
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

/** ` (found: a, b and 3 more)`: the first names of a list, or nothing when empty. */
function foundNames(names: string[]): string {
  if (names.length === 0) {
    return '';
  }
  const listed = names.slice(0, OPENSLO_LIMITS.maxNamesListed).join(', ');
  const more = names.length - OPENSLO_LIMITS.maxNamesListed;
  return ` (found: ${listed}${more > 0 ? ` and ${more} more` : ''})`;
}
