import type { ZodIssue } from 'zod';

/** Formats a field path as `spec.objectives[0].target`. */
export function formatPath(path: ReadonlyArray<string | number>): string {
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

/**
 * Splits a formatted field path back into its parts:
 * `spec.objectives[0].target` → `['spec', 'objectives', 0, 'target']`. A key
 * that itself holds dots or brackets splits wrongly, which only makes the
 * located position that of an enclosing field.
 */
export function splitPath(text: string): Array<string | number> {
  const parts: Array<string | number> = [];
  for (const match of text.matchAll(/\[(\d+)\]|([^.[\]]+)/g)) {
    parts.push(match[1] !== undefined ? Number(match[1]) : match[2]);
  }
  return parts;
}

/** Turns one zod issue into `(path, message)` pairs with plain-language reasons. */
export function describeZodIssue(
  issue: ZodIssue,
  prefix: ReadonlyArray<string | number>,
): Array<{ path: string; message: string }> {
  const path = [...prefix, ...issue.path];
  switch (issue.code) {
    case 'invalid_type':
      if (issue.received === 'undefined') {
        return [{ path: formatPath(path), message: 'is required' }];
      }
      return [
        {
          path: formatPath(path),
          message: `must be ${article(issue.expected)}, got ${issue.received}`,
        },
      ];
    case 'unrecognized_keys':
      return issue.keys.map(key => ({
        path: formatPath([...path, key]),
        message:
          'unknown field; OpenSLO v1 does not define it here (check the spelling)',
      }));
    case 'invalid_enum_value':
      return [
        {
          path: formatPath(path),
          message: `must be one of ${issue.options.join(', ')}, got "${String(
            issue.received,
          )}"`,
        },
      ];
    case 'invalid_literal':
      return [
        {
          path: formatPath(path),
          message: `must be "${String(issue.expected)}", got ${
            JSON.stringify(issue.received) ?? 'nothing'
          }`,
        },
      ];
    case 'invalid_union': {
      // Report the branch that got furthest, so the message is specific.
      const branches = issue.unionErrors.map(error => error.issues);
      const depth = issue.path.length;
      const best =
        branches.find(b =>
          b.every(i => i.code !== 'invalid_type' || i.path.length > depth),
        ) ?? branches[0];
      if (best && best.length > 0) {
        return best.flatMap(i => describeZodIssue(i, prefix));
      }
      return [{ path: formatPath(path), message: issue.message }];
    }
    default:
      return [{ path: formatPath(path), message: issue.message }];
  }
}

function article(type: string): string {
  if (type === 'object' || type === 'array' || type === 'integer') {
    return `an ${type}`;
  }
  return `a ${type}`;
}
