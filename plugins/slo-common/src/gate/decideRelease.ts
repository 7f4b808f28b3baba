import type { GateDecision, GateOutcome, GateReason } from '../api/types';
import type {
  BurnRateAlert,
  SloEvaluation,
  SloStatusValue,
} from '../engine/types';
import { ANNOTATION_RELEASE_POLICY } from '../annotations';
import { ReleasePolicy, ReleaseRule, stricterOutcome } from './releasePolicy';
import {
  GateOverrideInput,
  applicableOverride,
  summarizeOverride,
} from './gateOverride';

/** One SLO of the entity as the gate sees it: its stored status, if any. */
export interface GateSloInput {
  /** `<entity ref>#<slo name>`. */
  sloId: string;
  /** Name a person reads, e.g. the objective's display name. */
  displayName: string;
  /** The stored status row; null when the SLO was never evaluated. */
  status: {
    status: SloStatusValue;
    evaluation: Pick<SloEvaluation, 'errorBudget' | 'alerts'>;
    /** Epoch ms the status was computed for. */
    evaluatedAt: number;
    /** Epoch ms of the end of the newest data; null without data. */
    dataThrough: number | null;
  } | null;
}

/** Who owns the entity, as far as the gate cares. */
export interface GateOwnership {
  serviceOwner: string | null;
  sreOwner: string | null;
}

/**
 * The policy the entity asked for: a configured one, or the name of one that
 * is not configured (then the gate blocks and says so).
 */
export type GatePolicyChoice = ReleasePolicy | { name: string; unknown: true };

/** What is asked: for which entity, when, and what kind of change. */
export interface GateRequest {
  entityRef: string;
  /** Epoch ms of the decision. */
  now: number;
  /** e.g. `feature`, `rollback`, `security-fix`; exempt types always allow. */
  changeType?: string | null;
  /** Where the release goes; overrides may be limited to one environment. */
  environment?: string | null;
  /** What is released; overrides may be limited to one version. */
  version?: string | null;
  /**
   * The entity's overrides, newest first; the one that applies (see
   * {@link applicableOverride}) turns a warn or block into allow, after the
   * rules and without hiding their reasons.
   */
  overrides?: GateOverrideInput[];
}

/**
 * The release gate's decision for one entity: a pure function of the SLOs'
 * stored statuses, the ownership, the policy and the request. Every rule of
 * the policy is judged; the decision is the strictest outcome of the reasons
 * (allow when none). An exempt change type answers allow (the reasons stay
 * listed); an advisory policy keeps the real decision in `decision` and
 * tells CI `enforced: allow`.
 */
export function decideRelease(input: {
  slos: GateSloInput[];
  ownership: GateOwnership;
  policy: GatePolicyChoice;
  request: GateRequest;
}): GateDecision {
  const { slos, ownership, policy, request } = input;
  const decidedBy = ownership.sreOwner ?? ownership.serviceOwner ?? null;
  const evaluatedAt = new Date(request.now).toISOString();

  if ('unknown' in policy) {
    // Only an override lets a release through a policy nobody configured.
    const override = applicableOverride(request.overrides ?? [], request);
    return {
      entityRef: request.entityRef,
      decision: override ? 'allow' : 'block',
      enforced: override ? 'allow' : 'block',
      policy: { name: policy.name, mode: 'enforce', exemptChangeTypes: [] },
      decidedBy,
      exemption: null,
      ...(override ? { override: summarizeOverride(override) } : {}),
      reasons: [
        {
          rule: 'unknownPolicy',
          outcome: 'block',
          sloId: null,
          message: `Release policy "${policy.name}" named by the ${ANNOTATION_RELEASE_POLICY} annotation is not configured in slo.releasePolicies; fix the annotation or add the policy.`,
          numbers: {},
        },
      ],
      evaluatedAt,
    };
  }

  const reasons = policy.rules.flatMap(rule =>
    judgeRule(rule, slos, ownership, request.now),
  );
  const decision = reasons.reduce<GateOutcome>(
    (strictest, reason) => stricterOutcome(strictest, reason.outcome),
    'allow',
  );
  const exemption =
    request.changeType && policy.exemptChangeTypes.includes(request.changeType)
      ? request.changeType
      : null;
  const override =
    !exemption && decision !== 'allow'
      ? applicableOverride(request.overrides ?? [], request)
      : undefined;
  const effective: GateOutcome = exemption || override ? 'allow' : decision;
  return {
    entityRef: request.entityRef,
    decision: effective,
    enforced: policy.mode === 'advisory' ? 'allow' : effective,
    policy: {
      name: policy.name,
      mode: policy.mode,
      exemptChangeTypes: [...policy.exemptChangeTypes],
    },
    decidedBy,
    exemption,
    ...(override ? { override: summarizeOverride(override) } : {}),
    reasons,
    evaluatedAt,
  };
}

/** True when nothing is known of the SLO's budget. */
function hasNoData(slo: GateSloInput): boolean {
  const status = slo.status;
  return (
    !status ||
    status.status === 'no-data' ||
    status.status === 'error' ||
    status.evaluation.errorBudget.remaining === null
  );
}

function noDataMessage(slo: GateSloInput): string {
  if (!slo.status) return `${slo.displayName} has not been evaluated yet.`;
  if (slo.status.status === 'error') {
    return `${slo.displayName} could not be evaluated.`;
  }
  return `${slo.displayName} has no data in its window.`;
}

/** Remaining budget of an SLO whose status is known; null otherwise. */
function knownRemaining(slo: GateSloInput): number | null {
  return hasNoData(slo) ? null : slo.status!.evaluation.errorBudget.remaining;
}

/** Firing alerts of an SLO whose status is known. */
function firingAlerts(slo: GateSloInput, severity: BurnRateAlert['severity']) {
  if (!slo.status || slo.status.status === 'error') return [];
  return slo.status.evaluation.alerts.filter(
    alert => alert.firing && alert.severity === severity,
  );
}

/** `-1.79` → `−179 %` (a real minus sign). */
export function formatPercent(fraction: number): string {
  const percent = Math.round(fraction * 1000) / 10;
  return `${percent < 0 ? '\u2212' : ''}${Math.abs(percent)} %`;
}

function formatRate(rate: number | null): string {
  return rate === null ? 'unknown' : `${Math.round(rate * 10) / 10}×`;
}

function iso(ms: number | null): string | undefined {
  return ms === null ? undefined : new Date(ms).toISOString();
}

function statusNumbers(slo: GateSloInput) {
  return slo.status
    ? {
        evaluatedAt: iso(slo.status.evaluatedAt),
        ...(slo.status.dataThrough !== null
          ? { dataThrough: iso(slo.status.dataThrough) }
          : {}),
      }
    : {};
}

function judgeRule(
  rule: ReleaseRule,
  slos: GateSloInput[],
  ownership: GateOwnership,
  now: number,
): GateReason[] {
  const outcome = rule.then;
  switch (rule.when) {
    case 'budgetExhausted':
      return slos.flatMap(slo => {
        const remaining = knownRemaining(slo);
        if (remaining === null || remaining > 0) return [];
        return [
          {
            rule: rule.when,
            outcome,
            sloId: slo.sloId,
            message: `${
              slo.displayName
            } error budget exhausted (${formatPercent(remaining)}).`,
            numbers: { remaining, ...statusNumbers(slo) },
          },
        ];
      });
    case 'budgetBelow':
      return slos.flatMap(slo => {
        const remaining = knownRemaining(slo);
        if (remaining === null || remaining >= rule.fraction) return [];
        return [
          {
            rule: rule.when,
            outcome,
            sloId: slo.sloId,
            message: `${slo.displayName} has ${formatPercent(
              remaining,
            )} of its error budget left, below ${formatPercent(
              rule.fraction,
            )}.`,
            numbers: {
              remaining,
              threshold: rule.fraction,
              ...statusNumbers(slo),
            },
          },
        ];
      });
    case 'pageAlertFiring':
    case 'ticketAlertFiring': {
      const severity = rule.when === 'pageAlertFiring' ? 'page' : 'ticket';
      return slos.flatMap(slo =>
        firingAlerts(slo, severity).map(alert => ({
          rule: rule.when,
          outcome,
          sloId: slo.sloId,
          message: `${
            slo.displayName
          } ${severity} alert firing: burning ${formatRate(
            alert.longBurnRate,
          )} over ${alert.longWindow} and ${formatRate(
            alert.shortBurnRate,
          )} over ${alert.shortWindow} (threshold ${formatRate(
            alert.factor,
          )}).`,
          numbers: {
            ...(alert.longBurnRate !== null
              ? { burnRate: alert.longBurnRate }
              : {}),
            ...(alert.shortBurnRate !== null
              ? { shortBurnRate: alert.shortBurnRate }
              : {}),
            factor: alert.factor,
            window: alert.longWindow,
            shortWindow: alert.shortWindow,
            ...statusNumbers(slo),
          },
        })),
      );
    }
    case 'noData':
      if (slos.length === 0) {
        return [
          {
            rule: rule.when,
            outcome,
            sloId: null,
            message:
              'The entity has no SLOs, so nothing is known of its reliability.',
            numbers: {},
          },
        ];
      }
      return slos.filter(hasNoData).map(slo => ({
        rule: rule.when,
        outcome,
        sloId: slo.sloId,
        message: noDataMessage(slo),
        numbers: statusNumbers(slo),
      }));
    case 'stale':
      return slos.flatMap(slo => {
        if (!slo.status) return [];
        const ageMs = now - slo.status.evaluatedAt;
        if (ageMs <= rule.maxAgeMs) return [];
        return [
          {
            rule: rule.when,
            outcome,
            sloId: slo.sloId,
            message: `${slo.displayName} status is ${Math.floor(
              ageMs / 60_000,
            )} min old, older than ${Math.floor(rule.maxAgeMs / 60_000)} min.`,
            numbers: {
              ageSeconds: Math.floor(ageMs / 1000),
              maxAgeSeconds: Math.floor(rule.maxAgeMs / 1000),
              ...statusNumbers(slo),
            },
          },
        ];
      });
    case 'noSreOwner':
      if (ownership.sreOwner) return [];
      return [
        {
          rule: rule.when,
          outcome,
          sloId: null,
          message: `No SRE owner: nobody but ${
            ownership.serviceOwner ?? 'the service owner'
          } decides when reliability is no longer acceptable.`,
          numbers: {},
        },
      ];
    default: {
      const unknownRule: never = rule;
      throw new Error(`Unknown release rule ${JSON.stringify(unknownRule)}`);
    }
  }
}
