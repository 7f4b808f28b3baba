import type { FieldPath } from './fieldPath';

/** One SLO read from a Sloth spec or a Pyrra CRD, ready to write as OpenSLO v1. */
export interface ImportedSlo {
  /** OpenSLO metadata.name: lower-case letters, digits and dashes. */
  name: string;
  description?: string;
  /** spec.service: the service (Backstage component) the SLO belongs to. */
  service?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  /** Rolling window, an OpenSLO duration such as `30d`. */
  window: string;
  /** Objective in percent, in (0, 100). */
  targetPercent: number;
  /** Which events `numeratorQuery` counts. */
  numerator: 'good' | 'bad';
  /** PromQL selectors of counters (SLO Kit computes the increases). */
  numeratorQuery: string;
  totalQuery: string;
  /** Where the SLO is in the input: its document and field path. */
  from: { documentIndex: number; documentName?: string; path: FieldPath };
}
