/**
 * Common library for SLO Kit: OpenSLO v1 definitions, the error-budget engine,
 * time units, burn-rate windows, SLO ids and canonical entity refs,
 * annotations, permissions and the typed API client.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './permissions';
export * from './openslo/types';
export * from './engine/types';
export * from './api/types';
export * from './api/SloClient';
export { parseOpenSlo } from './openslo/parseOpenSlo';
export { formatPath } from './openslo/issuePath';
export {
  renderOpenSlo,
  type OpenSloTemplateInput,
} from './openslo/renderOpenSlo';
export { resolveWindow, type ResolvedWindow } from './engine/resolveWindow';
export { computeHourRollup } from './engine/computeHourRollup';
export { meetsThreshold } from './engine/objectiveRules';
export {
  addRangeTotals,
  emptyRangeTotals,
  type RangeTotals,
} from './engine/rangeTotals';
export {
  evaluateSlo,
  type EvaluateSloOptions,
  WARNING_REMAINING,
} from './engine/evaluateSlo';
export { alertPolicy, type BurnRateAlertRule } from './engine/alertPolicy';
export {
  MAX_BUCKET_COUNT,
  checkBucketCounts,
} from './engine/checkBucketCounts';
export { minuteTailHours } from './engine/minuteTailHours';
export {
  BURN_RATE_WINDOWS,
  BURN_WINDOW_HORIZON_MS,
  burnWindowEdgeOffsetsMs,
  burnWindowMinutes,
  burnWindowMs,
  type BurnRateWindow,
} from './engine/burnWindows';
export {
  MINUTE_MS,
  HOUR_MS,
  DAY_MS,
  floorToMinute,
  ceilToMinute,
  floorToHour,
  ceilToHour,
  floorToDay,
  ceilToDay,
} from './time';
export { canonicalEntityRef, type EntityRefDefaults } from './entityRef';
export { RELIABILITY_TAB_PATH, reliabilityTabLink } from './reliabilityTab';
export {
  sloIdOf,
  parseSloId,
  canonicalSloId,
  type SloIdParts,
  type SloIdParseResult,
} from './sloId';
export {
  decideRelease,
  formatPercent,
  type GateSloInput,
  type GateOwnership,
  type GatePolicyChoice,
  type GateRequest,
} from './gate/decideRelease';
export { leadingReason, summarizeRelease } from './gate/releaseSummary';
export {
  applicableOverride,
  summarizeOverride,
  type GateOverrideInput,
} from './gate/gateOverride';
export {
  DEFAULT_EXEMPT_CHANGE_TYPES,
  DEFAULT_RELEASE_POLICY,
  DEFAULT_RELEASE_POLICY_NAME,
  DEFAULT_STALE_AFTER_MS,
  RELEASE_RULE_NAMES,
  outcomeRank,
  stricterOutcome,
  type ReleasePolicy,
  type ReleaseRule,
  type ReleaseRuleName,
  type RuleOutcome,
} from './gate/releasePolicy';
