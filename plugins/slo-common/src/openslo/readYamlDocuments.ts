import {
  Composer,
  LineCounter,
  Parser,
  isCollection,
  isPair,
  type Document,
} from 'yaml';
import { OPENSLO_LIMITS } from './limits';
import { nestsDeeperThan, valueChildren } from './nestingDepth';
import {
  fieldLocator,
  type FieldLocator,
  type SourcePosition,
} from './sourcePosition';

/** One reason a document could not be read, with where it is when known. */
export interface YamlProblem {
  message: string;
  at?: SourcePosition;
}

/** One YAML document of a file, read within {@link OPENSLO_LIMITS}. */
export type YamlDocumentRead =
  | {
      kind: 'value';
      index: number;
      value: unknown;
      /** Where the document's fields are written in the file. */
      locate: FieldLocator;
    }
  | { kind: 'invalid'; index: number; problems: YamlProblem[] }
  /** The file has more documents than allowed; reading stopped at `index`. */
  | { kind: 'tooMany'; index: number };

const TOO_DEEP = `too deeply nested: YAML maps and lists may nest at most ${OPENSLO_LIMITS.maxDepth} levels`;
const TOO_DEEP_WITH_ALIASES = `too deeply nested once aliases are resolved (or an alias refers to a node that contains it): at most ${OPENSLO_LIMITS.maxDepth} levels`;
const TOO_MANY_ALIASES = `too many YAML aliases: at most ${OPENSLO_LIMITS.maxAliasCount} per document`;

/**
 * Reads the YAML documents of `text` one by one, turning each into plain
 * values. Stops after {@link OPENSLO_LIMITS.maxDocuments} documents without
 * parsing the rest; syntax errors, deep nesting and alias expansion beyond
 * the limits make a document `invalid` with reasons (line and column for
 * syntax errors), never an exception.
 */
export function* readYamlDocuments(
  text: string,
): Generator<YamlDocumentRead, void, undefined> {
  const lineCounter = new LineCounter();
  const parser = new Parser(lineCounter.addNewLine);
  const composer = new Composer();
  let index = 0;
  for (const document of composer.compose(parser.parse(text))) {
    if (index >= OPENSLO_LIMITS.maxDocuments) {
      yield { kind: 'tooMany', index };
      return;
    }
    yield readDocument(document, index, lineCounter);
    index += 1;
  }
}

function readDocument(
  document: Document.Parsed,
  index: number,
  lineCounter: LineCounter,
): YamlDocumentRead {
  if (document.errors.length > 0) {
    return {
      kind: 'invalid',
      index,
      problems: document.errors.map(error => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return {
          message: `invalid YAML (line ${line}, column ${col}): ${firstLine(
            error.message,
          )}`,
          at: { line, column: col },
        };
      }),
    };
  }
  if (
    nestsDeeperThan<unknown>(
      document.contents,
      OPENSLO_LIMITS.maxDepth,
      nodeChildren,
    )
  ) {
    return { kind: 'invalid', index, problems: [{ message: TOO_DEEP }] };
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: OPENSLO_LIMITS.maxAliasCount });
  } catch (error) {
    if (error instanceof ReferenceError && /alias/i.test(error.message)) {
      return {
        kind: 'invalid',
        index,
        problems: [{ message: TOO_MANY_ALIASES }],
      };
    }
    throw error;
  }
  // Aliases can nest what was shallow in the text, or make a value contain itself.
  if (nestsDeeperThan(value, OPENSLO_LIMITS.maxDepth, valueChildren)) {
    return {
      kind: 'invalid',
      index,
      problems: [{ message: TOO_DEEP_WITH_ALIASES }],
    };
  }
  return {
    kind: 'value',
    index,
    value,
    locate: fieldLocator(document, lineCounter),
  };
}

/** Children of a YAML syntax node: a collection's items, a pair's key and value. */
function nodeChildren(node: unknown): readonly unknown[] | undefined {
  if (isCollection(node)) {
    return node.items.flatMap(item =>
      isPair(item) ? [item.key, item.value] : [item],
    );
  }
  return undefined;
}

function firstLine(text: string): string {
  return text.split('\n')[0];
}
