import type { OpenSloIssue } from '@slo-kit/plugin-slo-common';

/**
 * One validation problem as `file:document:path: message`, where document is
 * the 0-based document index followed by its name in parentheses when it has
 * one, and path is `-` for problems with the whole document.
 */
export function formatIssue(issue: OpenSloIssue): string {
  const document = `${issue.documentIndex}${
    issue.documentName ? `(${issue.documentName})` : ''
  }`;
  return `${issue.file}:${document}:${issue.path || '-'}: ${issue.message}`;
}
