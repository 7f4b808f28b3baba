import {
  isMap,
  isNode,
  isScalar,
  isSeq,
  type Document,
  type LineCounter,
} from 'yaml';
import { splitPath } from './issuePath';

/** A place in a file: 1-based line and column. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** Finds where a field of one document is written in the file. */
export type FieldLocator = (path: string) => SourcePosition | undefined;

/**
 * Locates fields of a parsed YAML document in its file: a field path such as
 * `spec.objectives[0].target` gives the position of that key (or list item),
 * else of the nearest enclosing one the file has (a missing field points at
 * the map that lacks it), else of the document's content.
 */
export function fieldLocator(
  document: Document.Parsed,
  lineCounter: LineCounter,
): FieldLocator {
  return path => {
    let node: unknown = document.contents;
    let at: unknown = node;
    for (const segment of splitPath(path)) {
      const child = childOf(node, segment);
      if (!child) {
        break;
      }
      at = child.at;
      node = child.node;
    }
    const offset = isNode(at) ? at.range?.[0] : undefined;
    if (offset === undefined) {
      return undefined;
    }
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
}

/** The value under `segment` and where it is written (the key, for a map). */
function childOf(
  node: unknown,
  segment: string | number,
): { node: unknown; at: unknown } | undefined {
  if (isMap(node)) {
    const pair = node.items.find(
      item => isScalar(item.key) && String(item.key.value) === String(segment),
    );
    return pair ? { node: pair.value, at: pair.key } : undefined;
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment];
    return item ? { node: item, at: item } : undefined;
  }
  return undefined;
}
