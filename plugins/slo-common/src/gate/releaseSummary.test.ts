import { decideRelease } from './decideRelease';
import { NOW, slo } from './gateFixtures';
import { DEFAULT_RELEASE_POLICY, ReleasePolicy } from './releasePolicy';
import { leadingReason, summarizeRelease } from './releaseSummary';

const OWNERSHIP = {
  serviceOwner: 'group:default/checkout-team',
  sreOwner: 'group:default/payments-sre',
};

function decide(
  slos: ReturnType<typeof slo>[],
  policy: ReleasePolicy = DEFAULT_RELEASE_POLICY,
  changeType?: string,
) {
  return decideRelease({
    slos,
    ownership: OWNERSHIP,
    policy,
    request: { entityRef: 'component:default/checkout', now: NOW, changeType },
  });
}

describe('leadingReason', () => {
  it('picks the first reason with the decision as outcome, not the first listed', () => {
    const warnFirst: ReleasePolicy = {
      name: 'warn-first',
      mode: 'enforce',
      exemptChangeTypes: [],
      rules: [
        { when: 'budgetBelow', fraction: 0.5, then: 'warn' },
        { when: 'budgetExhausted', then: 'block' },
      ],
    };
    const decision = decide(
      [
        slo('Latency', { remaining: 0.3 }),
        slo('Availability', { remaining: -1.79 }),
      ],
      warnFirst,
    );
    expect(decision.reasons[0].outcome).toBe('warn');
    expect(leadingReason(decision)?.message).toBe(
      'Availability error budget exhausted (\u2212179 %).',
    );
  });

  it('is null when the decision is allow, also under an exemption', () => {
    expect(leadingReason(decide([slo('Availability')]))).toBeNull();
    const exempt = decide(
      [slo('Availability', { remaining: -1 })],
      DEFAULT_RELEASE_POLICY,
      'rollback',
    );
    expect(exempt.reasons.length).toBeGreaterThan(0);
    expect(leadingReason(exempt)).toBeNull();
  });
});

describe('summarizeRelease', () => {
  it('keeps the decision, what CI is told, the policy and the leading reason', () => {
    const advisory: ReleasePolicy = {
      ...DEFAULT_RELEASE_POLICY,
      name: 'advisory',
      mode: 'advisory',
    };
    const summary = summarizeRelease(
      decide([slo('Availability', { remaining: -1 })], advisory),
    );
    expect(summary).toEqual({
      decision: 'block',
      enforced: 'allow',
      policy: { name: 'advisory', mode: 'advisory' },
      firstReason: expect.objectContaining({
        rule: 'budgetExhausted',
        outcome: 'block',
        sloId: 'component:default/checkout#availability',
      }),
    });
  });
});
