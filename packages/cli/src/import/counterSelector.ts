/**
 * Reads the counter behind an event-count query, as Sloth specs write them:
 * `sum(rate(<selector>[{{.window}}]))`, `sum(increase(...))`,
 * `sum by (code) (rate(...))`, `sum(rate(...)) by (code)`, a bare
 * `rate(...)`, in parentheses or not, and the difference of two such counts
 * (Sloth's usual latency query: all requests minus the fast ones). SLO Kit
 * reads counters as plain selectors and computes increases itself, so only
 * the selector is kept; grouping does not change the sum over all series.
 */

/** A vector selector, e.g. `http_requests_total{job="checkout",code=~"5.."}`. */
export interface CounterSelector {
  /** The selector on one line, matchers in their written order. */
  text: string;
  /** The same selector with its matchers sorted, to compare two selectors. */
  key: string;
  matchers: LabelMatcher[];
}

/** One label matcher of a selector; `value` unquoted, `written` as in the query. */
export interface LabelMatcher {
  label: string;
  operator: string;
  value: string;
  written: string;
}

export type CounterQuery =
  | { kind: 'counter'; selector: CounterSelector }
  /** `minuend - subtrahend`, each the count of one counter. */
  | {
      kind: 'difference';
      minuend: CounterSelector;
      subtrahend: CounterSelector;
    };

export type Read<T> = { ok: true; value: T } | { ok: false; reason: string };

type Token =
  | { kind: 'ident'; text: string; at: number }
  | { kind: 'string'; text: string; at: number }
  | { kind: 'range'; text: string; at: number }
  | { kind: 'number'; text: string; at: number }
  | { kind: 'punct'; text: string; at: number }
  | { kind: 'end'; text: ''; at: number };

const MATCH_OPERATORS = ['=~', '!~', '!=', '='];
const PUNCTUATION = ['(', ')', '{', '}', ',', '-', '+', '*', '/', '%', '^'];
const RANGE_FUNCTIONS = ['rate', 'increase'];
const GROUPING = ['by', 'without'];

class QueryError extends Error {}

/** Reads a Sloth-style event query (see the file comment). */
export function readCounterQuery(query: string): Read<CounterQuery> {
  return attempt(query, parser => {
    const result = parser.expression();
    parser.expectEnd();
    return result;
  });
}

/** Reads a plain vector selector, as Pyrra's `metric` fields hold. */
export function readSelector(text: string): Read<CounterSelector> {
  return attempt(text, parser => {
    const selector = parser.selector();
    parser.expectEnd();
    return selector;
  });
}

/** The value of the matcher `label="value"` in the selector, if it has one. */
export function equalityMatcher(
  selector: CounterSelector,
  label: string,
): string | undefined {
  const matcher = selector.matchers.find(
    m => m.label === label && m.operator === '=',
  );
  return matcher?.value;
}

class Parser {
  private position = 0;

  constructor(private readonly tokens: Token[]) {}

  peek(offset = 0): Token {
    return this.tokens[
      Math.min(this.position + offset, this.tokens.length - 1)
    ];
  }

  next(): Token {
    const token = this.tokens[this.position];
    if (token.kind !== 'end') {
      this.position += 1;
    }
    return token;
  }

  expect(text: string): void {
    const token = this.next();
    if (token.text !== text) {
      throw unexpected(token, `"${text}"`);
    }
  }

  expectEnd(): void {
    const token = this.peek();
    if (token.kind === 'end') {
      return;
    }
    if (['+', '-', '*', '/', '%', '^'].includes(token.text)) {
      throw new QueryError(
        `"${token.text}" at character ${
          token.at + 1
        }: only one count minus another can be written as counter selectors`,
      );
    }
    throw unexpected(token, 'the end of the query');
  }

  /** One count, or one count minus another. */
  expression(): CounterQuery {
    const left = this.operand();
    if (this.peek().text !== '-') {
      return left;
    }
    const minus = this.next();
    const right = this.operand();
    if (left.kind !== 'counter' || right.kind !== 'counter') {
      throw new QueryError(
        `"-" at character ${
          minus.at + 1
        }: only one count minus another can be written as counter selectors`,
      );
    }
    return {
      kind: 'difference',
      minuend: left.selector,
      subtrahend: right.selector,
    };
  }

  /** `( ... )`, `sum [by (...)] ( ... ) [by (...)]`, `rate(sel[range])` or `increase(sel[range])`. */
  private operand(): CounterQuery {
    const token = this.peek();
    if (token.text === '(') {
      this.next();
      const inner = this.expression();
      this.expect(')');
      return inner;
    }
    if (token.kind !== 'ident') {
      throw unexpected(token, 'sum(...), rate(...) or increase(...)');
    }
    const name = token.text.toLowerCase();
    if (name === 'sum') {
      this.next();
      this.optionalGrouping();
      this.expect('(');
      const inner = this.expression();
      this.expect(')');
      this.optionalGrouping();
      return inner;
    }
    if (RANGE_FUNCTIONS.includes(name)) {
      this.next();
      this.expect('(');
      const selector = this.selector();
      const range = this.next();
      if (range.kind !== 'range') {
        throw unexpected(
          range,
          'a range such as [{{.window}}] after the selector',
        );
      }
      this.expect(')');
      return { kind: 'counter', selector };
    }
    if (this.peek(1).text === '(') {
      throw new QueryError(
        `${token.text}(...) at character ${
          token.at + 1
        } is not a count of events; expected sum, rate or increase`,
      );
    }
    throw new QueryError(
      `the selector ${token.text} at character ${
        token.at + 1
      } is not inside rate(...[{{.window}}]) or increase(...), so it is not a count of events`,
    );
  }

  private optionalGrouping(): void {
    const token = this.peek();
    if (
      token.kind !== 'ident' ||
      !GROUPING.includes(token.text.toLowerCase())
    ) {
      return;
    }
    this.next();
    this.expect('(');
    while (this.peek().text !== ')') {
      const label = this.next();
      if (label.kind !== 'ident') {
        throw unexpected(label, 'a label name');
      }
      if (this.peek().text === ',') {
        this.next();
      } else if (this.peek().text !== ')') {
        throw unexpected(this.peek(), '"," or ")"');
      }
    }
    this.expect(')');
  }

  /** `name`, `name{matchers}` or `{matchers}`. */
  selector(): CounterSelector {
    let name = '';
    const first = this.peek();
    if (first.kind === 'ident') {
      if (this.peek(1).text === '(') {
        throw new QueryError(
          `expected a metric selector at character ${first.at + 1}, found ${
            first.text
          }(...)`,
        );
      }
      name = this.next().text;
    }
    const matchers: LabelMatcher[] = [];
    if (this.peek().text === '{') {
      this.next();
      while (this.peek().text !== '}') {
        const label = this.next();
        if (label.kind !== 'ident') {
          throw unexpected(label, 'a label name');
        }
        const operator = this.next();
        if (!MATCH_OPERATORS.includes(operator.text)) {
          throw unexpected(operator, 'one of =, !=, =~, !~');
        }
        const value = this.next();
        if (value.kind !== 'string') {
          throw unexpected(value, 'a quoted label value');
        }
        matchers.push({
          label: label.text,
          operator: operator.text,
          value: unquote(value.text),
          written: `${label.text}${operator.text}${value.text}`,
        });
        if (this.peek().text === ',') {
          this.next();
        } else if (this.peek().text !== '}') {
          throw unexpected(this.peek(), '"," or "}"');
        }
      }
      this.expect('}');
    }
    if (name === '' && matchers.length === 0) {
      throw unexpected(first, 'a metric selector');
    }
    const written = matchers.map(m => m.written);
    return {
      text: written.length > 0 ? `${name}{${written.join(',')}}` : name,
      key: `${name}{${[...written].sort().join(',')}}`,
      matchers,
    };
  }
}

function unexpected(token: Token, expected: string): QueryError {
  const found =
    token.kind === 'end' ? 'the end of the query' : `"${token.text}"`;
  const where = token.kind === 'end' ? '' : ` at character ${token.at + 1}`;
  return new QueryError(`expected ${expected}, found ${found}${where}`);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (/\s/.test(char)) {
      i += 1;
    } else if (char === '#') {
      while (i < text.length && text[i] !== '\n') i += 1;
    } else if (/[A-Za-z_:]/.test(char)) {
      const start = i;
      while (i < text.length && /[A-Za-z0-9_:.]/.test(text[i])) i += 1;
      tokens.push({ kind: 'ident', text: text.slice(start, i), at: start });
    } else if (/[0-9.]/.test(char)) {
      const start = i;
      while (i < text.length && /[0-9.eE]/.test(text[i])) i += 1;
      tokens.push({ kind: 'number', text: text.slice(start, i), at: start });
    } else if (char === '"' || char === "'" || char === '`') {
      const start = i;
      i += 1;
      while (i < text.length && text[i] !== char) {
        i += text[i] === '\\' && char !== '`' ? 2 : 1;
      }
      if (i >= text.length) {
        throw new QueryError(
          `unterminated string starting at character ${start + 1}`,
        );
      }
      i += 1;
      tokens.push({ kind: 'string', text: text.slice(start, i), at: start });
    } else if (char === '[') {
      const end = text.indexOf(']', i);
      if (end < 0) {
        throw new QueryError(`unclosed "[" at character ${i + 1}`);
      }
      tokens.push({ kind: 'range', text: text.slice(i, end + 1), at: i });
      i = end + 1;
    } else {
      const at = i;
      const operator = MATCH_OPERATORS.find(op => text.startsWith(op, at));
      if (operator) {
        tokens.push({ kind: 'punct', text: operator, at: i });
        i += operator.length;
      } else if (PUNCTUATION.includes(char)) {
        tokens.push({ kind: 'punct', text: char, at: i });
        i += 1;
      } else {
        throw new QueryError(`unexpected "${char}" at character ${i + 1}`);
      }
    }
  }
  tokens.push({ kind: 'end', text: '', at: text.length });
  return tokens;
}

function unquote(value: string): string {
  const body = value.slice(1, -1);
  return value.startsWith('`') ? body : body.replace(/\\(.)/g, '$1');
}

function attempt<T>(text: string, read: (parser: Parser) => T): Read<T> {
  try {
    return { ok: true, value: read(new Parser(tokenize(text))) };
  } catch (error) {
    if (error instanceof QueryError) {
      return { ok: false, reason: error.message };
    }
    throw error;
  }
}
