import { InputError } from '@backstage/errors';
import type { OpenSloIssue } from '@slo-kit/plugin-slo-common';

/** Formats one issue as `slos.yaml: document 0 (checkout-availability) spec.objectives[0].target: reason`. */
export function formatOpenSloIssue(issue: OpenSloIssue): string {
  const document =
    issue.documentName === undefined
      ? `document ${issue.documentIndex}`
      : `document ${issue.documentIndex} (${issue.documentName})`;
  const where = issue.path ? ` ${issue.path}` : '';
  return `${issue.file}: ${document}${where}: ${issue.message}`;
}

/** An InputError listing every OpenSLO issue, one per line. */
export function openSloValidationError(
  summary: string,
  issues: OpenSloIssue[],
): InputError {
  return new InputError(
    [summary, ...issues.map(issue => `  - ${formatOpenSloIssue(issue)}`)].join(
      '\n',
    ),
  );
}
