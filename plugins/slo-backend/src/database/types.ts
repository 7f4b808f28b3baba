import type {
  HourRollup,
  PortfolioSortField,
  RangeTotals,
  SloDefinition,
  SloEvaluation,
  SloStatusValue,
} from '@slo-kit/plugin-slo-common';

/** Where a stored SLO definition came from. */
export type SloOrigin = 'catalog' | 'registration';

/** One SLO definition row. Instants are epoch milliseconds. */
export interface StoredSloDefinition {
  /** Compact internal key of the data tables. */
  sloKey: number;
  /** Stable public id, `<entity ref>#<slo name>`. */
  id: string;
  entityRef: string;
  name: string;
  definition: SloDefinition;
  origin: SloOrigin;
  serviceOwner: string | null;
  sreOwner: string | null;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
}

/** One minute of SLI data for one SLO as stored. */
export interface MinuteBucketRow {
  sloKey: number;
  /** Epoch ms on a minute boundary. */
  bucketStart: number;
  good: number;
  total: number;
}

/** One hourly rollup as stored. */
export interface HourRollupRow extends RangeTotals {
  sloKey: number;
  hourStart: number;
}

/** How finely rollups are read: one entry per hour, or per UTC day. */
export type RollupGranularity = 'hour' | 'day';

/**
 * Rollup sums of one SLO over whole hours starting at `start`: one hourly
 * rollup, or the sum of the hourly rollups of one UTC day. Shaped like the
 * engine's {@link HourRollup} so it can be handed to the engine as is.
 */
export interface RollupSpan extends HourRollup {
  /** Length of the span: one hour or one day, in milliseconds. */
  durationMs: number;
}

/** An hour of one SLO whose minute data changed since the last evaluation. */
export interface DirtyHour {
  sloKey: number;
  hourStart: number;
  /** First and last minute written into the hour since it was marked. */
  firstBucket: number;
  lastBucket: number;
  /** Identifies the write that last marked the hour. */
  token: string;
}

/** The stored status of one SLO. */
export interface SloStatusRow {
  sloKey: number;
  status: SloStatusValue;
  sli: number | null;
  budgetRemaining: number | null;
  evaluation: SloEvaluation;
  evaluatedAt: number;
  dataThrough: number | null;
}

/** A problem found while syncing an entity's OpenSLO file. */
export interface SyncErrorRow {
  entityRef: string;
  file: string;
  documentIndex: number | null;
  documentName: string | null;
  path: string;
  message: string;
  occurredAt: number;
}

/** A deploy, incident or other event shown beside SLO history. */
export interface SloEventRow {
  entityRef: string;
  sloId: string | null;
  type: string;
  title: string;
  at: number;
}

/** Filter and page of the portfolio listing. */
export interface PortfolioQueryOptions {
  owners?: string[];
  statuses?: SloStatusValue[];
  limit: number;
  /** Id of the last row of the previous page (default order only). */
  afterId?: string;
  /** Sort by a portfolio column instead of by id; pages then go by offset. */
  sort?: PortfolioSortField;
  order?: 'asc' | 'desc';
  /** Rows to skip (sorted order only). */
  offset?: number;
}
