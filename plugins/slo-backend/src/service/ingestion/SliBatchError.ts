/** One problem with one point of an SLI batch. */
export interface SliPointIssue {
  /** Index of the point in `points`, or -1 for the batch as a whole. */
  index: number;
  /** The offending field of the point, e.g. `good`. */
  field: string;
  reason: string;
}

/** `points[3].total: <reason>`, or `points: <reason>` for the batch as a whole. */
export function describeIssue(issue: SliPointIssue): string {
  const where =
    issue.index >= 0 ? `points[${issue.index}].${issue.field}` : issue.field;
  return `${where}: ${issue.reason}`;
}

/** A batch was rejected as a whole because some points are invalid; nothing was written. */
export class SliBatchValidationError extends Error {
  readonly name = 'InputError';

  constructor(readonly issues: SliPointIssue[], readonly pointCount: number) {
    super(
      `${
        issues.length
      } problem(s) in a batch of ${pointCount} point(s); nothing was written. First: ${
        issues[0] ? describeIssue(issues[0]) : 'none'
      }`,
    );
  }
}

/** A batch exceeds the configured size limit. */
export class SliBatchTooLargeError extends Error {
  readonly name = 'PayloadTooLargeError';
  readonly statusCode = 413;
}
