import type { SloDefinition } from '@slo-kit/plugin-slo-common';
import { createHash } from 'node:crypto';

/**
 * What an SLO's pulled minutes depend on: its indicator (the sources and
 * their queries) and, for a threshold metric, the first objective's `op`
 * and `value` its minutes were judged by. When it changes, the SLO is
 * backfilled again; other edits (names, targets, windows) keep the data.
 */
export function pullFingerprint(definition: SloDefinition): string {
  const { indicator } = definition;
  const objective = definition.objectives[0];
  const judged =
    indicator.kind === 'threshold'
      ? { op: objective?.op, value: objective?.value }
      : {};
  return createHash('sha256')
    .update(JSON.stringify({ indicator, judged }))
    .digest('hex')
    .slice(0, 32);
}
