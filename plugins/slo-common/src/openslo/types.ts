/** Normalised OpenSLO v1 definitions, as produced by the parser. */

export type BudgetingMethod = 'Occurrences' | 'Timeslices' | 'RatioTimeslices';

export type ThresholdOperator = 'lt' | 'lte' | 'gt' | 'gte';

export type TimeWindow =
  | {
      kind: 'rolling';
      /** The original OpenSLO duration, e.g. `28d`. */
      duration: string;
      durationMinutes: number;
    }
  | {
      kind: 'calendar';
      /** The original OpenSLO duration, e.g. `1M`. */
      duration: string;
      amount: number;
      unit: 'm' | 'h' | 'd' | 'w' | 'M' | 'Q' | 'Y';
      /** ISO 8601 local start time of some period, e.g. `2022-01-01 00:00:00`. */
      startTime: string;
      /** IANA zone, e.g. `America/New_York`. */
      timeZone: string;
    };

export interface MetricSource {
  /** `prometheus` means pulled; any other type means the data is pushed. */
  type: string;
  /** PromQL (prometheus) or the source's own spec, kept as written. */
  query?: string;
  spec?: Record<string, unknown>;
}

export type Indicator =
  | {
      kind: 'ratio';
      name?: string;
      counter: boolean;
      /** Which of good/bad the file gave; the other is derived from total. */
      numerator: 'good' | 'bad';
      numeratorSource: MetricSource;
      totalSource: MetricSource;
    }
  | {
      kind: 'threshold';
      name?: string;
      source: MetricSource;
    };

export interface SloObjective {
  displayName?: string;
  /** Fraction in (0, 1), normalised from target or targetPercent. */
  target: number;
  /** Fraction in (0, 1] for timeslice methods. */
  timeSliceTarget?: number;
  /** Minutes; default 1. */
  timeSliceWindowMinutes?: number;
  op?: ThresholdOperator;
  value?: number;
}

export interface SloDefinition {
  name: string;
  displayName?: string;
  description?: string;
  service?: string;
  indicator: Indicator;
  timeWindow: TimeWindow;
  budgetingMethod: BudgetingMethod;
  objectives: SloObjective[];
}

/** One validation problem, pointing at file, document, field and reason. */
export interface OpenSloIssue {
  file: string;
  /** 0-based index of the YAML document in the file. */
  documentIndex: number;
  /** metadata.name of the document, when it has one. */
  documentName?: string;
  /** Field path inside the document, e.g. `spec.objectives[0].target`. */
  path: string;
  message: string;
  /**
   * 1-based line in the file of the field (its key), or of the nearest
   * enclosing field the file has when the field is missing; of the error for
   * invalid YAML. Absent when unknown, and on issues past the first 50.
   */
  line?: number;
  /** 1-based column on `line`. */
  column?: number;
}

export type OpenSloParseResult =
  | { ok: true; slos: SloDefinition[] }
  | {
      ok: false;
      /** The first issues found (at most `OPENSLO_LIMITS.maxIssues`), in file order. */
      issues: OpenSloIssue[];
      /** How many issues were found in all; more than `issues.length` when cut. */
      issueCount: number;
    };
