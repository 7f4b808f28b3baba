import type { GateOutcome, GatePolicyMode } from '../api/types';

/** What a firing rule makes of the decision. */
export type RuleOutcome = Exclude<GateOutcome, 'allow'>;

/**
 * One rule of a release policy: a condition (`when`) and what it makes of the
 * decision (`then`). Each rule is judged per SLO, except `noSreOwner`.
 */
export type ReleaseRule =
  /** An SLO's error budget is used up: remaining ≤ 0. */
  | { when: 'budgetExhausted'; then: RuleOutcome }
  /** An SLO's remaining budget is below `fraction` (0.25 = 25 %). */
  | { when: 'budgetBelow'; fraction: number; then: RuleOutcome }
  /** A page-severity burn-rate alert of an SLO fires. */
  | { when: 'pageAlertFiring'; then: RuleOutcome }
  /** A ticket-severity burn-rate alert of an SLO fires. */
  | { when: 'ticketAlertFiring'; then: RuleOutcome }
  /**
   * Nothing is known of an SLO: never evaluated, status `no-data` or `error`,
   * or no budget figure. Also fires when the entity has no SLOs at all.
   */
  | { when: 'noData'; then: RuleOutcome }
  /** An SLO's status was computed more than `maxAgeMs` ago (the evaluation job stalled). */
  | { when: 'stale'; maxAgeMs: number; then: RuleOutcome }
  /** The entity names no SRE owner: nobody decides when reliability is not acceptable. */
  | { when: 'noSreOwner'; then: RuleOutcome };

export type ReleaseRuleName = ReleaseRule['when'];

/** Every rule name a policy may use. */
export const RELEASE_RULE_NAMES: readonly ReleaseRuleName[] = [
  'budgetExhausted',
  'budgetBelow',
  'pageAlertFiring',
  'ticketAlertFiring',
  'noData',
  'stale',
  'noSreOwner',
];

/** A named release policy from app-config (`slo.releasePolicies.<name>`). */
export interface ReleasePolicy {
  name: string;
  /** `advisory`: evaluated and recorded, but CI is always told allow. */
  mode: GatePolicyMode;
  rules: ReleaseRule[];
  /** Change types the gate always lets through, e.g. `rollback`. */
  exemptChangeTypes: string[];
}

/** Name of the policy of entities without the release-policy annotation. */
export const DEFAULT_RELEASE_POLICY_NAME = 'default';

/** Change types exempt unless a policy lists its own. */
export const DEFAULT_EXEMPT_CHANGE_TYPES: readonly string[] = [
  'rollback',
  'security-fix',
];

/** 15 minutes: a status older than this is stale under the default policy. */
export const DEFAULT_STALE_AFTER_MS = 15 * 60_000;

/**
 * The default policy (the SRE Workbook's error-budget policy): block when an
 * SLO's budget is exhausted or a page alert fires; warn when a budget is
 * below 25 %, a ticket alert fires, an SLO has no data or a stale status, or
 * the service has no SRE owner.
 */
export const DEFAULT_RELEASE_POLICY: ReleasePolicy = {
  name: DEFAULT_RELEASE_POLICY_NAME,
  mode: 'enforce',
  rules: [
    { when: 'budgetExhausted', then: 'block' },
    { when: 'pageAlertFiring', then: 'block' },
    { when: 'budgetBelow', fraction: 0.25, then: 'warn' },
    { when: 'ticketAlertFiring', then: 'warn' },
    { when: 'noData', then: 'warn' },
    { when: 'stale', maxAgeMs: DEFAULT_STALE_AFTER_MS, then: 'warn' },
    { when: 'noSreOwner', then: 'warn' },
  ],
  exemptChangeTypes: [...DEFAULT_EXEMPT_CHANGE_TYPES],
};

/** Rank of an outcome: allow 0 < warn 1 < block 2. */
export function outcomeRank(outcome: GateOutcome): number {
  if (outcome === 'block') return 2;
  if (outcome === 'warn') return 1;
  return 0;
}

/** The stricter of two outcomes. */
export function stricterOutcome(a: GateOutcome, b: GateOutcome): GateOutcome {
  return outcomeRank(a) >= outcomeRank(b) ? a : b;
}
