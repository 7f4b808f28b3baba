import type { SloDefinition } from '../openslo/types';
import type { SloEvaluation } from '../engine/types';
import type { components, operations, paths } from './generated/openapi';

/**
 * Shapes of the SLO Kit REST API (`/api/slo/v1`), shared by backend, frontend
 * and CLI. Every type here is taken from the OpenAPI spec
 * (`plugins/slo-backend/src/schema/openapi.yaml`) through the generated
 * `./generated/openapi.ts`; regenerate it with `yarn schema:generate` in
 * `plugins/slo-backend` after editing the spec.
 *
 * The spec describes two fields as free-form objects because their shapes are
 * the domain types of this package: an SLO's `definition` is a
 * {@link SloDefinition} and a status' `evaluation` is the engine's
 * {@link SloEvaluation}. The aliases below narrow just those two fields.
 */

/** Paths of the SLO Kit REST API, generated from its OpenAPI spec. */
export type SloApiPaths = paths;

/** Operations of the SLO Kit REST API by `operationId`, generated from its OpenAPI spec. */
export type SloApiOperations = operations;

type Schemas = components['schemas'];

export type Ownership = Schemas['Ownership'];
export type OwnershipFinding = Ownership['findings'][number];
export type OwnershipFindingCode = OwnershipFinding['code'];

/** Stored status of one SLO: the engine's evaluation plus when it was made. */
export type SloStatusRecord = Omit<
  NonNullable<Schemas['SloSummary']['status']>,
  'evaluation'
> & { evaluation: SloEvaluation };

export type SloSummary = Omit<
  Schemas['SloSummary'],
  'definition' | 'status'
> & {
  definition: SloDefinition;
  status: SloStatusRecord | null;
};

/** How pulling an SLO from an SLI source (e.g. Prometheus) stands. */
export type SliSourceStatus = Schemas['SliSourceStatus'];

export type SyncError = Schemas['SyncError'];

/** GET /api/slo/v1/entities/{kind}/{namespace}/{name} */
export type EntitySlosResponse = Omit<Schemas['EntitySlosResponse'], 'slos'> & {
  slos: SloSummary[];
};

/** Query of GET /api/slo/v1/slos (the portfolio). */
export type PortfolioQuery = NonNullable<
  operations['GetPortfolio']['parameters']['query']
>;

/** Release-gate decisions the portfolio can be narrowed to (`release` query). */
export type PortfolioReleaseFilter = NonNullable<
  PortfolioQuery['release']
>[number];

/** Portfolio columns the server may order by. */
export type PortfolioSortField = NonNullable<PortfolioQuery['sort']>;

/** One row of GET /api/slo/v1/slos */
export type PortfolioItem = Schemas['PortfolioItem'];

export type PortfolioResponse = Schemas['PortfolioResponse'];

/** GET /api/slo/v1/slos/{id}/history */
export type SloHistoryResponse = Schemas['SloHistoryResponse'];
export type SloHistoryPoint = SloHistoryResponse['points'][number];

/** Query of GET /api/slo/v1/slos/{id}/history. */
export type SloHistoryQuery = NonNullable<
  operations['GetSloHistory']['parameters']['query']
>;

/** POST /api/slo/v1/sli */
export type SliPoint = Schemas['SliPoint'];
export type IngestRequest = Schemas['IngestRequest'];
export type IngestResponse = Schemas['IngestResponse'];

/** POST /api/slo/v1/slos: register or update an entity's SLOs before the catalog knows it. */
export type RegisterSlosRequest = Schemas['RegisterSlosRequest'];
export type RegisterSlosResponse = Schemas['RegisterSlosResponse'];

/** The error body every non-2xx answer carries. */
export type SloApiError = Schemas['Error'];

/** Outcome of the release gate: allow < warn < block. */
export type GateOutcome = Schemas['GateOutcome'];
/** One reason of a release-gate decision: the rule, the SLO and its numbers. */
export type GateReason = Schemas['GateReason'];
export type GateReasonNumbers = GateReason['numbers'];
/** The release gate's answer for one entity. */
export type GateDecision = Schemas['GateDecision'];
export type GatePolicyMode = GateDecision['policy']['mode'];
/** The policy a decision was made under, with its exempt change types. */
export type GatePolicySummary = GateDecision['policy'];
/** An entity's current release-gate decision in short, on each of its portfolio rows. */
export type ReleaseSummary = Schemas['ReleaseSummary'];
/** A recorded (or merely requested) evaluation of the release gate. */
export type GateEvaluation = Schemas['GateEvaluation'];
export type GateEvaluationRequest = Schemas['GateEvaluationRequest'];
export type GateEvaluationList = Schemas['GateEvaluationList'];
/** A deploy, incident or note recorded through `POST /v1/events`. */
export type EventRequest = Schemas['EventRequest'];
export type EventResponse = Schemas['EventResponse'];
/** The override that made a gate decision allow: who, why, until. */
export type GateOverrideSummary = Schemas['GateOverrideSummary'];
/** A gate override as stored: granted, and revoked or expired if it ended. */
export type GateOverride = Schemas['GateOverride'];
export type GateOverrideRequest = Schemas['GateOverrideRequest'];
export type GateOverrideRevokeRequest = Schemas['GateOverrideRevokeRequest'];
export type GateOverrideList = Schemas['GateOverrideList'];

/**
 * POST /api/slo/v1/validate: checks an OpenSLO file as registration would,
 * storing nothing; `issues` are the parser's `OpenSloIssue`s.
 */
export type ValidateSlosRequest = Schemas['ValidateSlosRequest'];
export type ValidateSlosResponse = Schemas['ValidateSlosResponse'];
