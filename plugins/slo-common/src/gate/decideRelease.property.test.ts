import fc from 'fast-check';
import { decideRelease, GateOwnership, GateSloInput } from './decideRelease';
import { NOW, slo } from './gateFixtures';
import {
  DEFAULT_EXEMPT_CHANGE_TYPES,
  DEFAULT_RELEASE_POLICY,
  ReleasePolicy,
  ReleaseRule,
  outcomeRank,
} from './releasePolicy';

const outcome = fc.constantFrom<'warn' | 'block'>('warn', 'block');

const rule: fc.Arbitrary<ReleaseRule> = fc.oneof(
  outcome.map(then => ({ when: 'budgetExhausted' as const, then })),
  fc
    .record({
      fraction: fc.double({ min: 0, max: 1, noNaN: true }),
      then: outcome,
    })
    .map(r => ({ when: 'budgetBelow' as const, ...r })),
  outcome.map(then => ({ when: 'pageAlertFiring' as const, then })),
  outcome.map(then => ({ when: 'ticketAlertFiring' as const, then })),
  outcome.map(then => ({ when: 'noData' as const, then })),
  fc
    .record({ maxAgeMs: fc.integer({ min: 0, max: 3_600_000 }), then: outcome })
    .map(r => ({ when: 'stale' as const, ...r })),
  outcome.map(then => ({ when: 'noSreOwner' as const, then })),
);

const policy: fc.Arbitrary<ReleasePolicy> = fc.record({
  name: fc.constant('p'),
  mode: fc.constantFrom<ReleasePolicy['mode']>('enforce', 'advisory'),
  rules: fc.array(rule, { maxLength: 8 }),
  exemptChangeTypes: fc.constant([...DEFAULT_EXEMPT_CHANGE_TYPES]),
});

interface SloSpec {
  remaining: number | null;
  status: 'healthy' | 'no-data' | 'error' | 'never';
  page: boolean;
  ticket: boolean;
  ageMs: number;
}

const sloSpec: fc.Arbitrary<SloSpec> = fc.record({
  remaining: fc.option(fc.double({ min: -3, max: 1, noNaN: true }), {
    freq: 5,
  }),
  status: fc.constantFrom<SloSpec['status']>(
    'healthy',
    'healthy',
    'no-data',
    'error',
    'never',
  ),
  page: fc.boolean(),
  ticket: fc.boolean(),
  ageMs: fc.integer({ min: 0, max: 3_600_000 }),
});

function build(specs: SloSpec[]): GateSloInput[] {
  return specs.map((spec, i) =>
    slo(`S${i}`, {
      remaining: spec.status === 'no-data' ? null : spec.remaining,
      status:
        spec.status === 'never' || spec.status === 'healthy'
          ? undefined
          : spec.status,
      never: spec.status === 'never',
      page: spec.page,
      ticket: spec.ticket,
      ageMs: spec.ageMs,
    }),
  );
}

const ownership: fc.Arbitrary<GateOwnership> = fc.record({
  serviceOwner: fc.constantFrom('group:default/team', null),
  sreOwner: fc.constantFrom('group:default/sre', null),
});

const changeType = fc.constantFrom(
  undefined,
  'feature',
  'rollback',
  'security-fix',
);

function decide(
  specs: SloSpec[],
  p: ReleasePolicy,
  o: GateOwnership,
  c?: string,
) {
  return decideRelease({
    slos: build(specs),
    ownership: o,
    policy: p,
    request: {
      entityRef: 'component:default/checkout',
      now: NOW,
      changeType: c,
    },
  });
}

describe('decideRelease properties', () => {
  it('more budget never makes the decision stricter', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(sloSpec, fc.double({ min: 0, max: 2, noNaN: true })),
          {
            maxLength: 6,
          },
        ),
        policy,
        ownership,
        changeType,
        (pairs, p, o, c) => {
          const before = pairs.map(([spec]) => spec);
          const after = pairs.map(([spec, more]) => ({
            ...spec,
            remaining: spec.remaining === null ? null : spec.remaining + more,
          }));
          const strict = decide(before, p, o, c);
          const lax = decide(after, p, o, c);
          expect(outcomeRank(lax.decision)).toBeLessThanOrEqual(
            outcomeRank(strict.decision),
          );
          expect(outcomeRank(lax.enforced)).toBeLessThanOrEqual(
            outcomeRank(strict.enforced),
          );
        },
      ),
    );
  });

  it('fewer firing alerts never make the decision stricter', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(sloSpec, fc.boolean(), fc.boolean()), {
          maxLength: 6,
        }),
        policy,
        ownership,
        changeType,
        (triples, p, o, c) => {
          const before = triples.map(([spec]) => spec);
          const after = triples.map(([spec, quietPage, quietTicket]) => ({
            ...spec,
            page: spec.page && !quietPage,
            ticket: spec.ticket && !quietTicket,
          }));
          const strict = decide(before, p, o, c);
          const lax = decide(after, p, o, c);
          expect(outcomeRank(lax.decision)).toBeLessThanOrEqual(
            outcomeRank(strict.decision),
          );
        },
      ),
    );
  });

  it('fewer rules (a laxer policy) never make the decision stricter', () => {
    fc.assert(
      fc.property(
        fc.array(sloSpec, { maxLength: 6 }),
        policy,
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        ownership,
        (specs, p, keep, o) => {
          const laxer = { ...p, rules: p.rules.filter((_, i) => keep[i]) };
          expect(
            outcomeRank(decide(specs, laxer, o).decision),
          ).toBeLessThanOrEqual(outcomeRank(decide(specs, p, o).decision));
        },
      ),
    );
  });

  it('an advisory policy never blocks CI, and shows the enforcing decision', () => {
    fc.assert(
      fc.property(
        fc.array(sloSpec, { maxLength: 6 }),
        policy,
        ownership,
        changeType,
        (specs, p, o, c) => {
          const advisory = decide(specs, { ...p, mode: 'advisory' }, o, c);
          const enforcing = decide(specs, { ...p, mode: 'enforce' }, o, c);
          expect(advisory.enforced).toBe('allow');
          expect(advisory.decision).toBe(enforcing.decision);
          expect(advisory.reasons).toEqual(enforcing.reasons);
        },
      ),
    );
  });

  it('exempt change types always allow and name the exemption', () => {
    fc.assert(
      fc.property(
        fc.array(sloSpec, { maxLength: 6 }),
        policy,
        ownership,
        fc.constantFrom(...DEFAULT_EXEMPT_CHANGE_TYPES),
        (specs, p, o, c) => {
          const decision = decide(specs, p, o, c);
          expect(decision.decision).toBe('allow');
          expect(decision.enforced).toBe('allow');
          expect(decision.exemption).toBe(c);
        },
      ),
    );
  });

  it('an active override always allows, keeps every reason, and ends when it expires', () => {
    fc.assert(
      fc.property(
        fc.array(sloSpec, { maxLength: 6 }),
        policy,
        ownership,
        fc.integer({ min: 1, max: 7 * 24 * 3_600_000 }),
        (specs, p, o, lifetime) => {
          const override = {
            id: '1',
            grantedBy: 'user:default/sam.sre',
            reason: 'hotfix for INC-42',
            environment: null,
            version: null,
            expiresAt: NOW + lifetime,
            revokedAt: null,
          };
          const ask = (now: number, overrides = [override]) =>
            decideRelease({
              slos: build(specs),
              ownership: o,
              policy: p,
              request: {
                entityRef: 'component:default/checkout',
                now,
                changeType: 'feature',
                overrides,
              },
            });
          const without = decide(specs, p, o, 'feature');
          const during = ask(NOW);
          expect(during.enforced).toBe('allow');
          expect(during.decision).toBe('allow');
          expect(during.reasons).toEqual(without.reasons);
          expect(during.override !== undefined).toBe(
            without.decision !== 'allow',
          );
          const after = ask(NOW + lifetime);
          expect(after.override).toBeUndefined();
          expect(after).toEqual(ask(NOW + lifetime, []));
        },
      ),
    );
  });

  it('an SLO without data never silently allows when the policy judges no data', () => {
    fc.assert(
      fc.property(
        fc.array(sloSpec, { maxLength: 5 }),
        fc.constantFrom<'no-data' | 'error' | 'never'>(
          'no-data',
          'error',
          'never',
        ),
        outcome,
        ownership,
        (specs, missing, then, o) => {
          const p: ReleasePolicy = {
            ...DEFAULT_RELEASE_POLICY,
            rules: [
              ...DEFAULT_RELEASE_POLICY.rules.filter(r => r.when !== 'noData'),
              { when: 'noData', then },
            ],
          };
          const all = [
            ...specs,
            {
              remaining: null,
              status: missing,
              page: false,
              ticket: false,
              ageMs: 0,
            },
          ];
          const decision = decide(all, p, o, 'feature');
          expect(outcomeRank(decision.decision)).toBeGreaterThanOrEqual(
            outcomeRank(then),
          );
          expect(
            decision.reasons.some(
              r => r.rule === 'noData' && r.outcome === then,
            ),
          ).toBe(true);
        },
      ),
    );
  });

  it('the decision is the strictest outcome of its reasons', () => {
    fc.assert(
      fc.property(
        fc.array(sloSpec, { maxLength: 6 }),
        policy,
        ownership,
        (specs, p, o) => {
          const decision = decide(specs, p, o, 'feature');
          const strictest = Math.max(
            0,
            ...decision.reasons.map(r => outcomeRank(r.outcome)),
          );
          expect(outcomeRank(decision.decision)).toBe(strictest);
        },
      ),
    );
  });
});
