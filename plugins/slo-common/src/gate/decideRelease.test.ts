import { decideRelease, formatPercent, GateOwnership } from './decideRelease';
import { NOW, slo } from './gateFixtures';
import {
  DEFAULT_RELEASE_POLICY,
  ReleasePolicy,
  ReleaseRule,
} from './releasePolicy';

const OWNED: GateOwnership = {
  serviceOwner: 'group:default/checkout-team',
  sreOwner: 'group:default/payments-sre',
};
const ENTITY = 'component:default/checkout';

function decide(
  slos: ReturnType<typeof slo>[],
  options: {
    policy?: ReleasePolicy;
    ownership?: GateOwnership;
    changeType?: string;
  } = {},
) {
  return decideRelease({
    slos,
    ownership: options.ownership ?? OWNED,
    policy: options.policy ?? DEFAULT_RELEASE_POLICY,
    request: { entityRef: ENTITY, now: NOW, changeType: options.changeType },
  });
}

function only(rule: ReleaseRule, mode: ReleasePolicy['mode'] = 'enforce') {
  return { name: 'only', mode, rules: [rule], exemptChangeTypes: [] };
}

describe('decideRelease under the default policy', () => {
  it.each([
    ['healthy SLOs', [slo('Availability')], 'allow', []],
    [
      'an exhausted budget',
      [slo('Availability', { remaining: -1.79 })],
      'block',
      ['budgetExhausted', 'budgetBelow'],
    ],
    [
      'a budget at exactly zero',
      [slo('Availability', { remaining: 0 })],
      'block',
      ['budgetExhausted', 'budgetBelow'],
    ],
    [
      'a page alert firing',
      [slo('Availability', { page: true })],
      'block',
      ['pageAlertFiring'],
    ],
    [
      'a budget below 25 %',
      [slo('Availability', { remaining: 0.2 })],
      'warn',
      ['budgetBelow'],
    ],
    [
      'a budget at exactly 25 %',
      [slo('Availability', { remaining: 0.25 })],
      'allow',
      [],
    ],
    [
      'a ticket alert firing',
      [slo('Availability', { ticket: true })],
      'warn',
      ['ticketAlertFiring'],
    ],
    [
      'an SLO without data',
      [slo('Availability', { remaining: null })],
      'warn',
      ['noData'],
    ],
    [
      'an SLO that could not be evaluated',
      [slo('Availability', { status: 'error' })],
      'warn',
      ['noData'],
    ],
    [
      'an SLO never evaluated',
      [slo('Availability', { never: true })],
      'warn',
      ['noData'],
    ],
    ['no SLOs at all', [], 'warn', ['noData']],
    [
      'a status older than 15 minutes',
      [slo('Availability', { ageMs: 16 * 60_000 })],
      'warn',
      ['stale'],
    ],
    [
      'a status exactly 15 minutes old',
      [slo('Availability', { ageMs: 15 * 60_000 })],
      'allow',
      [],
    ],
    [
      'one blocking SLO among healthy ones',
      [slo('Latency'), slo('Availability', { remaining: -0.1 })],
      'block',
      ['budgetExhausted', 'budgetBelow'],
    ],
  ] as const)('%s → %s', (_, slos, expected, rules) => {
    const decision = decide([...slos]);
    expect(decision.decision).toBe(expected);
    expect(decision.enforced).toBe(expected);
    expect(decision.reasons.map(r => r.rule)).toEqual(rules);
    expect(decision.policy).toEqual({
      name: 'default',
      mode: 'enforce',
      exemptChangeTypes: ['rollback', 'security-fix'],
    });
    expect(decision.exemption).toBeNull();
    expect(decision.evaluatedAt).toBe(new Date(NOW).toISOString());
  });

  it('warns when the service has no SRE owner, and the service owner decides', () => {
    const decision = decide([slo('Availability')], {
      ownership: {
        serviceOwner: 'group:default/checkout-team',
        sreOwner: null,
      },
    });
    expect(decision.decision).toBe('warn');
    expect(decision.decidedBy).toBe('group:default/checkout-team');
    expect(decision.reasons).toEqual([
      expect.objectContaining({
        rule: 'noSreOwner',
        outcome: 'warn',
        sloId: null,
        message: expect.stringContaining('group:default/checkout-team'),
      }),
    ]);
  });

  it('names the SRE owner as the one who decides', () => {
    expect(decide([slo('Availability')]).decidedBy).toBe(
      'group:default/payments-sre',
    );
    expect(
      decide([slo('A')], { ownership: { serviceOwner: null, sreOwner: null } })
        .decidedBy,
    ).toBeNull();
  });

  it('gives each reason its SLO, a sentence and the numbers', () => {
    const decision = decide([
      slo('Availability', { remaining: -1.79, page: true }),
    ]);
    const exhausted = decision.reasons.find(r => r.rule === 'budgetExhausted')!;
    expect(exhausted).toEqual({
      rule: 'budgetExhausted',
      outcome: 'block',
      sloId: 'component:default/checkout#availability',
      message: 'Availability error budget exhausted (\u2212179 %).',
      numbers: {
        remaining: -1.79,
        evaluatedAt: new Date(NOW - 60_000).toISOString(),
        dataThrough: new Date(NOW - 120_000).toISOString(),
      },
    });
    const page = decision.reasons.find(r => r.rule === 'pageAlertFiring')!;
    expect(page.numbers).toMatchObject({
      burnRate: 20,
      shortBurnRate: 25,
      factor: 14.4,
      window: '1h',
      shortWindow: '5m',
    });
    expect(page.message).toBe(
      'Availability page alert firing: burning 20× over 1h and 25× over 5m (threshold 14.4×).',
    );
  });

  it('reports the age of a stale status', () => {
    const [reason] = decide([slo('A', { ageMs: 20 * 60_000 })]).reasons;
    expect(reason.numbers).toMatchObject({
      ageSeconds: 1200,
      maxAgeSeconds: 900,
    });
    expect(reason.message).toBe('A status is 20 min old, older than 15 min.');
  });

  it('says why nothing is known of an SLO', () => {
    const decision = decide([
      slo('A', { never: true }),
      slo('B', { remaining: null }),
      slo('C', { status: 'error' }),
    ]);
    expect(decision.reasons.map(r => [r.sloId, r.message])).toEqual([
      ['component:default/checkout#a', 'A has not been evaluated yet.'],
      ['component:default/checkout#b', 'B has no data in its window.'],
      ['component:default/checkout#c', 'C could not be evaluated.'],
    ]);
  });

  it('ignores the budget and alerts of an SLO that could not be evaluated', () => {
    const decision = decide([
      slo('A', { status: 'error', remaining: -1, page: true }),
    ]);
    expect(decision.reasons.map(r => r.rule)).toEqual(['noData']);
    expect(decision.reasons[0].message).toBe('A could not be evaluated.');
  });
});

describe('decideRelease exemptions', () => {
  it.each(['rollback', 'security-fix'])(
    'allows a %s and says so, keeping the reasons',
    changeType => {
      const decision = decide([slo('A', { remaining: -1 })], { changeType });
      expect(decision.decision).toBe('allow');
      expect(decision.enforced).toBe('allow');
      expect(decision.exemption).toBe(changeType);
      expect(decision.reasons.map(r => r.rule)).toContain('budgetExhausted');
    },
  );

  it('does not exempt other change types', () => {
    const decision = decide([slo('A', { remaining: -1 })], {
      changeType: 'feature',
    });
    expect(decision.decision).toBe('block');
    expect(decision.exemption).toBeNull();
  });
});

describe('decideRelease modes', () => {
  it('an advisory policy shows the real decision and enforces allow', () => {
    const decision = decide([slo('A', { remaining: -1 })], {
      policy: { ...DEFAULT_RELEASE_POLICY, name: 'advisory', mode: 'advisory' },
    });
    expect(decision.decision).toBe('block');
    expect(decision.enforced).toBe('allow');
    expect(decision.policy).toEqual({
      name: 'advisory',
      mode: 'advisory',
      exemptChangeTypes: ['rollback', 'security-fix'],
    });
  });

  it('blocks on an unknown policy, naming the annotation', () => {
    const decision = decideRelease({
      slos: [slo('A')],
      ownership: OWNED,
      policy: { name: 'typo', unknown: true },
      request: { entityRef: ENTITY, now: NOW, changeType: 'rollback' },
    });
    expect(decision.decision).toBe('block');
    expect(decision.enforced).toBe('block');
    expect(decision.exemption).toBeNull();
    // No exemption applies: exemptions belong to a configured policy.
    expect(decision.policy).toEqual({
      name: 'typo',
      mode: 'enforce',
      exemptChangeTypes: [],
    });
    expect(decision.reasons).toEqual([
      expect.objectContaining({
        rule: 'unknownPolicy',
        outcome: 'block',
        message: expect.stringContaining('slo-kit.dev/release-policy'),
      }),
    ]);
    expect(decision.reasons[0].message).toContain('"typo"');
  });
});

describe('decideRelease single rules', () => {
  it.each<
    [string, ReleaseRule, ReturnType<typeof slo>, 'allow' | 'warn' | 'block']
  >([
    [
      'budgetExhausted',
      { when: 'budgetExhausted', then: 'warn' },
      slo('A', { remaining: -0.01 }),
      'warn',
    ],
    [
      'budgetExhausted',
      { when: 'budgetExhausted', then: 'block' },
      slo('A', { remaining: 0.01 }),
      'allow',
    ],
    [
      'budgetBelow',
      { when: 'budgetBelow', fraction: 0.5, then: 'block' },
      slo('A', { remaining: 0.49 }),
      'block',
    ],
    [
      'budgetBelow',
      { when: 'budgetBelow', fraction: 0.5, then: 'block' },
      slo('A', { remaining: 0.5 }),
      'allow',
    ],
    [
      'budgetBelow',
      { when: 'budgetBelow', fraction: 0.5, then: 'block' },
      slo('A', { remaining: null }),
      'allow',
    ],
    [
      'pageAlertFiring',
      { when: 'pageAlertFiring', then: 'warn' },
      slo('A', { page: true }),
      'warn',
    ],
    [
      'pageAlertFiring',
      { when: 'pageAlertFiring', then: 'warn' },
      slo('A', { ticket: true }),
      'allow',
    ],
    [
      'ticketAlertFiring',
      { when: 'ticketAlertFiring', then: 'block' },
      slo('A', { ticket: true }),
      'block',
    ],
    [
      'ticketAlertFiring',
      { when: 'ticketAlertFiring', then: 'block' },
      slo('A', { page: true }),
      'allow',
    ],
    [
      'noData',
      { when: 'noData', then: 'block' },
      slo('A', { remaining: null }),
      'block',
    ],
    ['noData', { when: 'noData', then: 'block' }, slo('A'), 'allow'],
    [
      'stale',
      { when: 'stale', maxAgeMs: 60_000, then: 'block' },
      slo('A', { ageMs: 60_001 }),
      'block',
    ],
    [
      'stale',
      { when: 'stale', maxAgeMs: 60_000, then: 'block' },
      slo('A', { ageMs: 60_000 }),
      'allow',
    ],
    [
      'stale',
      { when: 'stale', maxAgeMs: 60_000, then: 'block' },
      slo('A', { never: true }),
      'allow',
    ],
  ])('%s %j on %#', (_, rule, input, expected) => {
    expect(decide([input], { policy: only(rule) }).decision).toBe(expected);
  });

  it('noSreOwner fires only without an SRE owner', () => {
    const policy = only({ when: 'noSreOwner', then: 'block' });
    expect(decide([slo('A')], { policy }).decision).toBe('allow');
    expect(
      decide([slo('A')], {
        policy,
        ownership: { serviceOwner: null, sreOwner: null },
      }).decision,
    ).toBe('block');
  });

  it('a policy without rules allows everything', () => {
    const policy: ReleasePolicy = {
      name: 'none',
      mode: 'enforce',
      rules: [],
      exemptChangeTypes: [],
    };
    expect(
      decide([slo('A', { remaining: -5, page: true })], { policy }).decision,
    ).toBe('allow');
  });
});

describe('formatPercent', () => {
  it.each([
    [-1.79, '\u2212179 %'],
    [0.25, '25 %'],
    [0, '0 %'],
    [0.1234, '12.3 %'],
  ])('%s → %s', (fraction, text) => {
    expect(formatPercent(fraction)).toBe(text);
  });
});
