import { LineCounter, parseAllDocuments } from 'yaml';

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
