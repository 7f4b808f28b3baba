import type { GateDecision, GateReason, ReleaseSummary } from '../api/types';

/**
 * The reason that explains a decision: the first one whose outcome is the
 * decision itself (a policy may list warn rules before block rules); null
 * when the decision is allow, also when an exemption let the reasons through.
 */
export function leadingReason(
  decision: Pick<GateDecision, 'decision' | 'reasons'>,
): GateReason | null {
  if (decision.decision === 'allow') return null;
  return (
    decision.reasons.find(reason => reason.outcome === decision.decision) ??
    null
  );
}

/** A decision in short, as each portfolio row of the entity carries it. */
export function summarizeRelease(decision: GateDecision): ReleaseSummary {
  return {
    decision: decision.decision,
    enforced: decision.enforced,
    policy: { name: decision.policy.name, mode: decision.policy.mode },
    firstReason: leadingReason(decision),
  };
}
