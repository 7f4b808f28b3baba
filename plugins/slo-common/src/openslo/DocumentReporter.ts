import type { ZodType } from 'zod';
import { describeZodIssue, formatPath } from './issuePath';
import { OPENSLO_LIMITS } from './limits';
import { shorten } from './shorten';
import type { FieldLocator, SourcePosition } from './sourcePosition';
import type { OpenSloIssue } from './types';

/** A field path inside a document, e.g. `['spec', 'objectives', 0, 'target']`. */
export type FieldPath = ReadonlyArray<string | number>;

/**
 * Collects the issues of one YAML document into the file's issue list, each
 * located by file, document index and name, and field path, and by line and
 * column when the document's fields can be located (only for the issues that
 * are returned, the first {@link OPENSLO_LIMITS.maxIssues}). Names, paths and
 * messages are shortened to {@link OPENSLO_LIMITS}, so an issue stays small
 * whatever the file holds.
 */
export class DocumentReporter {
  readonly documentName: string | undefined;

  constructor(
    private readonly issues: OpenSloIssue[],
    private readonly file: string,
    readonly documentIndex: number,
    documentName: string | undefined,
    private readonly locate?: FieldLocator,
  ) {
    this.documentName =
      documentName === undefined
        ? undefined
        : shorten(documentName, OPENSLO_LIMITS.maxDocumentNameLength);
  }

  /** Issues reported so far in the whole file. */
  get issueCount(): number {
    return this.issues.length;
  }

  /**
   * Records one problem at `path` (a path, or its formatted text); `at` is
   * where it is in the file when known otherwise (e.g. a YAML syntax error).
   */
  report(path: FieldPath | string, message: string, at?: SourcePosition): void {
    const pathText = typeof path === 'string' ? path : formatPath(path);
    const position =
      at ??
      (this.issues.length < OPENSLO_LIMITS.maxIssues
        ? this.locate?.(pathText)
        : undefined);
    this.issues.push({
      file: this.file,
      documentIndex: this.documentIndex,
      ...(this.documentName !== undefined
        ? { documentName: this.documentName }
        : {}),
      path: shorten(pathText, OPENSLO_LIMITS.maxPathLength),
      message: shorten(message, OPENSLO_LIMITS.maxMessageLength),
      ...(position ? { line: position.line, column: position.column } : {}),
    });
  }

  /** Validates `value` with `schema`; reports every issue and returns undefined on failure. */
  check<T>(
    schema: ZodType<T>,
    value: unknown,
    prefix: FieldPath,
  ): T | undefined {
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

  /** Reports an OpenSLO feature SLO Kit does not read, saying what to do instead. */
  notSupported(path: FieldPath, what: string): void {
    this.report(path, `not supported yet: ${what}`);
  }
}
