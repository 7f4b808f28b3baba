import { parseOpenSlo } from '../parseOpenSlo';
import type { OpenSloIssue } from '../types';

/** Parses `yaml` as `slos.yaml` and returns its issues; throws when it has none. */
export function issuesOf(yaml: string): OpenSloIssue[] {
  const result = parseOpenSlo(yaml, 'slos.yaml');
  if (result.ok) throw new Error('expected issues');
  return result.issues;
}

/** A minimal SLO document named `api` with `spec` lines given by the caller. */
export function sloWith(
  spec: string,
  header = 'apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: api\n',
): string {
  return `${header}spec:\n${spec}`;
}

/** An inline, pushed ratio indicator, as `spec` lines. */
export const INDICATOR = `  indicator:
    spec:
      ratioMetric:
        good: { metricSource: { type: push } }
        total: { metricSource: { type: push } }
`;

/** A rolling 30-day window, as a `spec` line. */
export const ROLLING = '  timeWindow: { duration: 30d, isRolling: true }\n';

/**
 * Matches the issue `parseOpenSlo` reports for the first document of
 * `slos.yaml` named `api`, wherever it is in the file (line and column are
 * tested on their own).
 */
export function apiIssue(path: string, message: string): OpenSloIssue {
  return expect.objectContaining({
    file: 'slos.yaml',
    documentIndex: 0,
    documentName: 'api',
    path,
    message,
  });
}
