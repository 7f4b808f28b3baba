import type { SloDefinition } from '../openslo/types';
import type { SloEvaluation, SloStatusValue } from '../engine/types';

/** Shapes of the SLO Kit REST API (`/api/slo/v1`), shared by backend, frontend and CLI. */

export type OwnershipFindingCode =
  | 'sre-owner-missing'
  | 'sre-owner-is-platform-owner';

export interface OwnershipFinding {
  code: OwnershipFindingCode;
  message: string;
}

export interface Ownership {
  /** spec.owner of the entity, as a full entity ref. */
  serviceOwner: string | null;
  /** slo-kit.dev/sre-owner, or null when missing. */
  sreOwner: string | null;
  /** slo-kit.dev/platform-owner, else the owner of the source template, else null. */
  platformOwner: string | null;
  platformOwnerSource: 'annotation' | 'source-template' | null;
  findings: OwnershipFinding[];
}

/** Stored status of one SLO: the engine's evaluation plus when it was made. */
export interface SloStatusRecord {
  evaluation: SloEvaluation;
  evaluatedAt: string;
  /** End of the newest minute bucket with data, or null. */
  dataThrough: string | null;
}

export interface SloSummary {
  /** Stable id: `<entity ref>#<slo name>`. */
  id: string;
  entityRef: string;
  name: string;
  definition: SloDefinition;
  /** Where the definition came from. */
  origin: 'catalog' | 'registration';
  deletedAt: string | null;
  status: SloStatusRecord | null;
}

export interface SyncError {
  entityRef: string;
  file: string;
  documentIndex: number | null;
  documentName: string | null;
  path: string;
  message: string;
  occurredAt: string;
}

/** GET /api/slo/v1/entities/{kind}/{namespace}/{name} */
export interface EntitySlosResponse {
  entityRef: string;
  ownership: Ownership;
  slos: SloSummary[];
  syncErrors: SyncError[];
}

/** Portfolio columns the server may order by. */
export type PortfolioSortField =
  | 'service'
  | 'serviceOwner'
  | 'sreOwner'
  | 'target'
  | 'sli'
  | 'budgetRemaining'
  | 'status';

/** One row of GET /api/slo/v1/slos */
export interface PortfolioItem {
  id: string;
  entityRef: string;
  name: string;
  displayName?: string;
  serviceOwner: string | null;
  sreOwner: string | null;
  target: number;
  timeWindow: string;
  sli: number | null;
  budgetRemaining: number | null;
  status: SloStatusValue;
  evaluatedAt: string | null;
}

export interface PortfolioResponse {
  items: PortfolioItem[];
  /** Pass as `cursor` to get the next page; absent on the last page. */
  nextCursor?: string;
  totalCount: number;
}

export interface SloHistoryPoint {
  at: string;
  sli: number | null;
  budgetRemaining: number | null;
  burnRate: number | null;
}

/** GET /api/slo/v1/slos/{id}/history */
export interface SloHistoryResponse {
  id: string;
  from: string;
  to: string;
  points: SloHistoryPoint[];
  events: Array<{ at: string; type: string; title: string }>;
}

/** POST /api/slo/v1/sli */
export interface SliPoint {
  /** `<entity ref>#<slo name>` */
  slo: string;
  /** ISO 8601 on a minute boundary. */
  timestamp: string;
  good: number;
  total: number;
}

export interface IngestResponse {
  accepted: number;
}

/** POST /api/slo/v1/slos: register or update an entity's SLOs before the catalog knows it. */
export interface RegisterSlosRequest {
  /** Full entity ref, e.g. `component:default/payments`. */
  entityRef: string;
  /** OpenSLO v1 YAML text (one or more documents). */
  openslo: string;
  /** Name shown in validation errors; defaults to `slos.yaml`. */
  file?: string;
}

export interface RegisterSlosResponse {
  entityRef: string;
  slos: Array<{ id: string; name: string }>;
  /** Absolute URL of POST /api/slo/v1/sli. */
  ingestionEndpoint: string;
}
