import type { z, ZodIssue, ZodObject, ZodRawShape, ZodTypeAny } from 'zod';
import type { FieldPath } from './fieldPath';
import type { ImportReporter } from './importReport';

/**
 * Validates `value` with a zod schema; on failure reports every problem as
 * not carried at its field path (below `prefix`) and returns undefined.
 */
export function checkShape<S extends ZodTypeAny>(
  schema: S,
  value: unknown,
  prefix: FieldPath,
  reporter: ImportReporter,
): z.output<S> | undefined {
  const result = schema.safeParse(value);
  if (result.success) {
    return result.data;
  }
  for (const issue of result.error.issues) {
    reporter.notCarried([...prefix, ...issue.path], describe(issue));
  }
  return undefined;
}

/**
 * Reports every field of `value` that `schema` does not name, as not
 * carried: a field the importer does not know is never dropped silently.
 */
export function reportUnknownFields(
  schema: ZodObject<ZodRawShape>,
  value: unknown,
  prefix: FieldPath,
  reporter: ImportReporter,
  what: string,
  alsoKnown: readonly string[] = [],
): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return;
  }
  for (const key of Object.keys(value)) {
    if (!(key in schema.shape) && !alsoKnown.includes(key)) {
      reporter.notCarried(
        [...prefix, key],
        `unknown field; ${what} does not define it here (check the spelling)`,
      );
    }
  }
}

function describe(issue: ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.received === 'undefined'
        ? 'is required'
        : `must be ${
            issue.expected === 'object' || issue.expected === 'array'
              ? 'an'
              : 'a'
          } ${issue.expected}, got ${issue.received}`;
    case 'invalid_literal':
      return `must be "${String(issue.expected)}", got ${
        JSON.stringify(issue.received) ?? 'nothing'
      }`;
    default:
      return issue.message;
  }
}
