import { formatPath, type OpenSloIssue } from '@slo-kit/plugin-slo-common';
import type { FieldPath } from './fieldPath';

/**
 * One finding of an import, located like a validation issue (file, document
 * index and name, field path). `not-carried`: something in the input that the
 * OpenSLO output does not hold (an unsupported field, a query that could not
 * be read, an invalid value), so the import is incomplete. `note`: the output
 * holds the input, but written differently (e.g. a renamed SLO).
 */
export interface ImportIssue extends OpenSloIssue {
  severity: 'not-carried' | 'note';
}

/** Collects the findings of one input document into the import's list. */
export class ImportReporter {
  constructor(
    private readonly issues: ImportIssue[],
    readonly file: string,
    readonly documentIndex: number,
    readonly documentName?: string,
  ) {}

  /** Something in the input the output does not hold, and why. */
  notCarried(path: FieldPath, reason: string): void {
    this.push('not-carried', path, reason);
  }

  /** The output holds the input, written differently; says how. */
  note(path: FieldPath, message: string): void {
    this.push('note', path, message);
  }

  private push(
    severity: ImportIssue['severity'],
    path: FieldPath,
    message: string,
  ): void {
    this.issues.push({
      severity,
      file: this.file,
      documentIndex: this.documentIndex,
      ...(this.documentName !== undefined
        ? { documentName: this.documentName }
        : {}),
      path: formatPath(path),
      message,
    });
  }
}
