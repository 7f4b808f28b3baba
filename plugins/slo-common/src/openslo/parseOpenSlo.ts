import { parseAllDocuments } from 'yaml';
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
    const slo = parseSlo(document, slis);
    if (slo) {
      slos.push(slo);
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, slos };
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
    const known = [...slis.keys()];
    reporter.report(
      'spec.indicatorRef',
      `no kind: SLI document named "${spec.indicatorRef}" in this file${
        known.length ? ` (found: ${known.join(', ')})` : ''
      }`,
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

function firstLine(text: string): string {
  return text.split('\n')[0];
}
