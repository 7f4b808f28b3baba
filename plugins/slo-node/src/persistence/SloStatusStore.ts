import type {
  PortfolioSortField,
  SloEvaluation,
  SloStatusValue,
} from '@slo-kit/plugin-slo-common';
import type { StoredSloDefinition } from './SloDefinitionStore';

/**
 * The stored status of one SLO: the engine's last evaluation of it.
 *
 * @public
 */
export interface SloStatusRow {
  sloKey: number;
  status: SloStatusValue;
  sli: number | null;
  budgetRemaining: number | null;
  evaluation: SloEvaluation;
  /** Epoch ms the evaluation was computed for. */
  evaluatedAt: number;
  /**
   * End of the newest minute with data (start + 1 minute), exactly; once that
   * minute is past minute retention, the end of the newest hour with data.
   */
  dataThrough: number | null;
}

/**
 * Filter and page of the portfolio listing.
 *
 * @public
 */
export interface PortfolioQueryOptions {
  /** Keeps SLOs whose service or SRE owner is one of these entity refs. */
  owners?: string[];
  /** Keeps SLOs in one of these states; `no-data` also matches SLOs never evaluated. */
  statuses?: SloStatusValue[];
  /** Leaves out the SLOs of these entities (e.g. those hidden from the caller). */
  excludeEntityRefs?: string[];
  /**
   * Keeps only the SLOs of these entities (e.g. those the release gate
   * blocks); an empty list keeps nothing. Absent: every entity.
   */
  entityRefs?: string[];
  limit: number;
  /** Id of the last row of the previous page (default order only). */
  afterId?: string;
  /** Sort by a portfolio column instead of by id; pages then go by offset. */
  sort?: PortfolioSortField;
  order?: 'asc' | 'desc';
  /** Rows to skip (sorted order only). */
  offset?: number;
}

/**
 * The filter of the portfolio listing, without paging.
 *
 * @public
 */
export type PortfolioFilter = Pick<
  PortfolioQueryOptions,
  'owners' | 'statuses' | 'excludeEntityRefs' | 'entityRefs'
>;

/**
 * A live SLO with its stored status; `status` is absent until first evaluated.
 *
 * @public
 */
export interface SloWithStatus {
  definition: StoredSloDefinition;
  status?: SloStatusRow;
}

/**
 * One page of the portfolio listing.
 *
 * @public
 */
export interface PortfolioPage {
  /** Live SLOs with their status; `status` is absent until first evaluated. */
  rows: SloWithStatus[];
  /** Live SLOs matching the filter, on all pages. */
  totalCount: number;
}

/**
 * The current status of every SLO, written by the evaluation job and read by
 * entity pages and the portfolio.
 *
 * @public
 */
export interface SloStatusStore {
  /** Sets the status of each given SLO (one row per SLO), in one transaction. */
  writeStatuses(statuses: SloStatusRow[]): Promise<void>;

  /** The statuses of the given SLOs; SLOs never evaluated are left out. */
  readStatuses(sloKeys: number[]): Promise<Map<number, SloStatusRow>>;

  /**
   * One page of live SLOs with their status: ordered by id and paged after
   * an id, or ordered by a portfolio column (ties by id, nulls last in both
   * directions) and paged by offset.
   */
  listPortfolio(options: PortfolioQueryOptions): Promise<PortfolioPage>;

  /** The entity refs of the live SLOs the filter keeps, sorted. */
  listPortfolioEntityRefs(filter: PortfolioFilter): Promise<string[]>;

  /**
   * Every live SLO of the given entities with its status, each entity's SLOs
   * ordered by id (as `SloDefinitionStore.listEntityDefinitions`): what
   * the release gate judges an entity by.
   */
  listEntityStatuses(entityRefs: string[]): Promise<SloWithStatus[]>;
}
