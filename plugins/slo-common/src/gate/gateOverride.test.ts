import { DEFAULT_RELEASE_POLICY } from './releasePolicy';
import { decideRelease } from './decideRelease';
import { NOW, slo } from './gateFixtures';
import { GateOverrideInput, applicableOverride } from './gateOverride';

const HOUR = 3_600_000;
const ENTITY = 'component:default/checkout';
const OWNED = {
  serviceOwner: 'group:default/checkout-team',
  sreOwner: 'group:default/payments-sre',
};

function override(fields: Partial<GateOverrideInput> = {}): GateOverrideInput {
  return {
    id: '7',
    grantedBy: 'user:default/sam.sre',
    reason: 'hotfix for INC-42',
    environment: null,
    version: null,
    expiresAt: NOW + HOUR,
    revokedAt: null,
    ...fields,
  };
}

describe('applicableOverride', () => {
  it.each([
    ['an override for everything', override(), {}, true],
    ['an expired one', override({ expiresAt: NOW }), {}, false],
    ['a revoked one', override({ revokedAt: NOW - 1 }), {}, false],
    [
      'one for the asked environment',
      override({ environment: 'production' }),
      { environment: 'production' },
      true,
    ],
    [
      'one for another environment',
      override({ environment: 'staging' }),
      { environment: 'production' },
      false,
    ],
    [
      'one for an environment, asked without one (a page)',
      override({ environment: 'production' }),
      {},
      false,
    ],
    [
      'one for the asked version',
      override({ version: '1.4.1' }),
      { version: '1.4.1' },
      true,
    ],
    [
      'one for another version',
      override({ version: '1.4.1' }),
      { version: '1.5.0' },
      false,
    ],
  ])('%s applies: %s', (_, candidate, asked, applies) => {
    expect(
      applicableOverride([candidate], { now: NOW, ...asked }) !== undefined,
    ).toBe(applies);
  });

  it('picks the first (newest) of several that apply', () => {
    const newest = override({ id: '9' });
    expect(
      applicableOverride(
        [override({ revokedAt: NOW - 1 }), newest, override()],
        {
          now: NOW,
        },
      ),
    ).toBe(newest);
  });
});

describe('decideRelease with overrides', () => {
  const exhausted = [slo('Availability', { remaining: -1.79 })];

  function decide(overrides: GateOverrideInput[], changeType?: string) {
    return decideRelease({
      slos: exhausted,
      ownership: OWNED,
      policy: DEFAULT_RELEASE_POLICY,
      request: { entityRef: ENTITY, now: NOW, overrides, changeType },
    });
  }

  it('turns a block into allow, names the override and keeps the reasons', () => {
    const decision = decide([override()]);
    expect(decision.decision).toBe('allow');
    expect(decision.enforced).toBe('allow');
    expect(decision.override).toEqual({
      id: '7',
      grantedBy: 'user:default/sam.sre',
      reason: 'hotfix for INC-42',
      expiresAt: new Date(NOW + HOUR).toISOString(),
    });
    expect(decision.reasons.map(r => r.rule)).toEqual([
      'budgetExhausted',
      'budgetBelow',
    ]);
  });

  it('blocks again once the override expired or was revoked', () => {
    for (const ended of [
      override({ expiresAt: NOW }),
      override({ revokedAt: NOW - HOUR }),
    ]) {
      const decision = decide([ended]);
      expect(decision.enforced).toBe('block');
      expect(decision.override).toBeUndefined();
    }
  });

  it('is not named when the rules allow anyway or a change type is exempt', () => {
    const healthy = decideRelease({
      slos: [slo('Availability')],
      ownership: OWNED,
      policy: DEFAULT_RELEASE_POLICY,
      request: { entityRef: ENTITY, now: NOW, overrides: [override()] },
    });
    expect(healthy.override).toBeUndefined();
    const rollback = decide([override()], 'rollback');
    expect(rollback.exemption).toBe('rollback');
    expect(rollback.override).toBeUndefined();
  });

  it('also lets a release through a policy that is not configured', () => {
    const decision = decideRelease({
      slos: exhausted,
      ownership: OWNED,
      policy: { name: 'typo', unknown: true },
      request: { entityRef: ENTITY, now: NOW, overrides: [override()] },
    });
    expect(decision.enforced).toBe('allow');
    expect(decision.override?.id).toBe('7');
    expect(decision.reasons[0].rule).toBe('unknownPolicy');
  });
});
