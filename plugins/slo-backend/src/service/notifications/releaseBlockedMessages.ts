import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationPayload } from '@backstage/plugin-notifications-common';
import { GateEvaluation, reliabilityTabLink } from '@slo-kit/plugin-slo-common';

/** Topic of the notifications about the release gate. */
export const RELEASE_GATE_TOPIC = 'Release gate';

/** Scope of an entity's release-gate notifications: a new block updates the one notification. */
export function releaseGateScope(entityRef: string): string {
  return `release-gate:${entityRef}`;
}

/** `version 1.4.0 to production`, `a release to production`, `a release`. */
function releasePhrase(evaluation: GateEvaluation): string {
  const target = evaluation.environment ? ` to ${evaluation.environment}` : '';
  return evaluation.version
    ? `Version ${evaluation.version}${target}`
    : `A release${target}`;
}

/**
 * A recorded evaluation whose decision is `block`: "checkout-api blocked:
 * Availability error budget exhausted (−67.7 %)", or under an advisory
 * policy (CI was told allow) "checkout-api would be blocked: …". The
 * description names the release, who asked, the policy, every blocking
 * reason and who decides.
 */
export function releaseBlockedPayload(
  evaluation: GateEvaluation,
): NotificationPayload {
  const entityName = parseEntityRef(evaluation.entityRef).name;
  const advisory = evaluation.enforced !== 'block';
  const blocking = evaluation.reasons.filter(r => r.outcome === 'block');
  const first = blocking[0]?.message.replace(/\.$/, '') ?? 'release policy';
  const more = blocking.length > 1 ? ` (and ${blocking.length - 1} more)` : '';
  const policy = `policy "${evaluation.policy.name}"`;
  const verdict = advisory
    ? `would have been stopped by the release gate (${policy} is advisory, so CI was told to go ahead)`
    : `was stopped by the release gate (${policy})`;
  const decidedBy = evaluation.decidedBy
    ? ` ${evaluation.decidedBy} decides when reliability is no longer acceptable.`
    : '';
  return {
    title: `${entityName} ${
      advisory ? 'would be blocked' : 'blocked'
    }: ${first}${more}`,
    description: `${releasePhrase(evaluation)} ${verdict}, asked by ${
      evaluation.requestedBy
    }. ${blocking.map(r => r.message).join(' ')}${decidedBy}`,
    link: reliabilityTabLink(evaluation.entityRef),
    severity: advisory ? 'normal' : 'high',
    topic: RELEASE_GATE_TOPIC,
    scope: releaseGateScope(evaluation.entityRef),
  };
}
