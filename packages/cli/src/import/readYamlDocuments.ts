import { LineCounter, parseAllDocuments } from 'yaml';
import { ImportIssue, ImportReporter } from './importReport';

/** One YAML document of an input file: its plain value, or why it cannot be read. */
export type InputDocument =
  | { index: number; ok: true; value: unknown }
  | { index: number; ok: false; reason: string };

/** Reads every YAML document of `text`; empty documents (e.g. after a trailing `---`) are left out. */
export function readYamlDocuments(text: string): InputDocument[] {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter });
  if (!Array.isArray(documents)) {
    // A stream with no documents at all (only comments or directives).
    return [];
  }
  return documents.flatMap((document, index): InputDocument[] => {
    if (document.errors.length > 0) {
      const error = document.errors[0];
      const { line, col } = lineCounter.linePos(error.pos[0]);
      return [
        {
          index,
          ok: false,
          reason: `invalid YAML (line ${line}, column ${col}): ${
            error.message.split('\n')[0]
          }`,
        },
      ];
    }
    let value: unknown;
    try {
      value = document.toJS();
    } catch (error) {
      return [
        {
          index,
          ok: false,
          reason: `cannot be read: ${(error as Error).message}`,
        },
      ];
    }
    return value === null || value === undefined
      ? []
      : [{ index, ok: true, value }];
  });
}

/**
 * Reads each document of an input file with `read`; a document that is not
 * YAML, or a file with none, is reported as not carried.
 */
export function readEachDocument<T>(
  text: string,
  file: string,
  issues: ImportIssue[],
  read: (value: unknown, documentIndex: number) => T[],
): T[] {
  const documents = readYamlDocuments(text);
  if (documents.length === 0) {
    new ImportReporter(issues, file, 0).notCarried(
      [],
      'the file holds no YAML document',
    );
  }
  return documents.flatMap(document => {
    if (!document.ok) {
      new ImportReporter(issues, file, document.index).notCarried(
        [],
        document.reason,
      );
      return [];
    }
    return read(document.value, document.index);
  });
}
