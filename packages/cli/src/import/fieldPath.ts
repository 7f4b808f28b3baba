/** A field path inside an input document, e.g. `['slos', 1, 'sli', 'raw']`. */
export type FieldPath = ReadonlyArray<string | number>;

/** Formats a field path as `slos[1].sli.raw.error_ratio_query` (`-` when empty). */
export function formatPath(path: FieldPath): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') {
      text += `[${part}]`;
    } else {
      text += text ? `.${part}` : part;
    }
  }
  return text;
}
