import type {
  GateDecision,
  GateEvaluation,
  GateOverride,
  GateOverrideRequest,
  GateReason,
  ReleaseSummary,
  SloGateApi,
} from '@slo-kit/plugin-slo-common';
import { FIXTURE_NOW } from './sloFixtures';

const ENTITY_REF = 'component:default/checkout-api';

export const exhaustedReason: GateReason = {
  rule: 'budgetExhausted',
  outcome: 'block',
  sloId: 'component:default/checkout-api#availability',
  message: 'Checkout availability error budget exhausted (\u221238 %).',
  numbers: {
    remaining: -0.38,
    evaluatedAt: FIXTURE_NOW.toISOString(),
    dataThrough: '2026-03-10T11:59:00.000Z',
  },
};

export const pageAlertReason: GateReason = {
  rule: 'pageAlertFiring',
  outcome: 'block',
  sloId: 'component:default/checkout-api#availability',
  message:
    'Checkout availability page alert firing: burning 16.2\u00d7 over 1h and 20.5\u00d7 over 5m (threshold 14.4\u00d7).',
  numbers: { burnRate: 16.2, shortBurnRate: 20.5, factor: 14.4 },
};

export const ticketAlertReason: GateReason = {
  rule: 'ticketAlertFiring',
  outcome: 'warn',
  sloId: 'component:default/checkout-api#latency',
  message:
    'Checkout latency ticket alert firing: burning 3.1\u00d7 over 1d and 3.1\u00d7 over 2h (threshold 3\u00d7).',
  numbers: { burnRate: 3.05, shortBurnRate: 3.1, factor: 3 },
};

export const noSreOwnerReason: GateReason = {
  rule: 'noSreOwner',
  outcome: 'warn',
  sloId: null,
  message:
    'No SRE owner: nobody but group:default/payments decides when reliability is no longer acceptable.',
  numbers: {},
};

/** The default policy blocks checkout-api: its availability budget is spent. */
export const blockedDecision: GateDecision = {
  entityRef: ENTITY_REF,
  decision: 'block',
  enforced: 'block',
  policy: {
    name: 'default',
    mode: 'enforce',
    exemptChangeTypes: ['rollback', 'security-fix'],
  },
  decidedBy: 'group:default/sre',
  exemption: null,
  // A warn reason first, as a policy may list it: the card leads with the block.
  reasons: [ticketAlertReason, exhaustedReason, pageAlertReason],
  evaluatedAt: FIXTURE_NOW.toISOString(),
};

export const warningDecision: GateDecision = {
  ...blockedDecision,
  decision: 'warn',
  enforced: 'warn',
  reasons: [ticketAlertReason],
};

/** The same budget under an advisory policy: CI is told allow. */
export const advisoryDecision: GateDecision = {
  ...blockedDecision,
  enforced: 'allow',
  policy: { name: 'advisory', mode: 'advisory', exemptChangeTypes: [] },
  reasons: [exhaustedReason],
};

export const allowedDecision: GateDecision = {
  ...blockedDecision,
  decision: 'allow',
  enforced: 'allow',
  reasons: [],
};

export function gateEvaluation(
  index: number,
  overrides: Partial<GateEvaluation> = {},
): GateEvaluation {
  return {
    ...blockedDecision,
    id: String(index),
    requestedBy: 'external:ci-payments',
    environment: 'production',
    version: `2.14.${index}`,
    changeType: 'feature',
    recordedAt: new Date(
      FIXTURE_NOW.getTime() - index * 3_600_000,
    ).toISOString(),
    ...overrides,
  };
}

export const checkoutEvaluations: GateEvaluation[] = [
  gateEvaluation(1),
  gateEvaluation(2, {
    requestedBy: 'user:default/ada',
    version: '2.14.1-hotfix',
    changeType: 'rollback',
    decision: 'allow',
    enforced: 'allow',
    exemption: 'rollback',
  }),
  gateEvaluation(3, {
    environment: null,
    version: null,
    changeType: null,
    decision: 'warn',
    enforced: 'warn',
    reasons: [ticketAlertReason],
  }),
];

/** A portfolio row's release summary for a decision. */
export function releaseSummary(decision: GateDecision): ReleaseSummary {
  return {
    decision: decision.decision,
    enforced: decision.enforced,
    policy: { name: decision.policy.name, mode: decision.policy.mode },
    firstReason:
      decision.reasons.find(r => r.outcome === decision.decision) ?? null,
  };
}

/** sam.sre's override of checkout-api's block, active until Nov 30. */
export const activeOverride: GateOverride = {
  id: 'ov-3',
  entityRef: ENTITY_REF,
  environment: null,
  version: null,
  reason: 'hotfix for INC-42',
  grantedBy: 'user:default/sam.sre',
  grantedAt: '2026-11-23T12:00:00.000Z',
  expiresAt: '2026-11-30T12:00:00.000Z',
  state: 'active',
  revokedBy: null,
  revokedAt: null,
  revokeReason: null,
};

export const revokedOverride: GateOverride = {
  ...activeOverride,
  id: 'ov-2',
  environment: 'staging',
  reason: 'load test of the new card processor',
  grantedBy: 'user:default/ada',
  grantedAt: '2026-11-20T09:00:00.000Z',
  expiresAt: '2026-11-21T09:00:00.000Z',
  state: 'revoked',
  revokedBy: 'user:default/sam.sre',
  revokedAt: '2026-11-20T15:00:00.000Z',
  revokeReason: 'load test finished early',
};

export const expiredOverride: GateOverride = {
  ...activeOverride,
  id: 'ov-1',
  version: '2.13.9',
  reason: 'security patch outside the exempt types',
  grantedAt: '2026-11-01T10:00:00.000Z',
  expiresAt: '2026-11-01T14:00:00.000Z',
  state: 'expired',
};

/** The decision while `override` lets the releases through. */
export function overriddenDecision(
  decision: GateDecision,
  override: Pick<GateOverride, 'id' | 'grantedBy' | 'reason' | 'expiresAt'>,
): GateDecision {
  return {
    ...decision,
    decision: 'allow',
    enforced: 'allow',
    override: {
      id: override.id,
      grantedBy: override.grantedBy,
      reason: override.reason,
      expiresAt: override.expiresAt,
    },
  };
}

/**
 * A gate API over fixed answers that records what it was asked. Overrides
 * are kept: a grant adds an active one, a revoke ends it, and the decision
 * (unless given) is `blockedDecision`, allowed by the newest active override
 * for every release.
 */
export function fakeGateApi(
  options: {
    decision?: () => Promise<GateDecision>;
    evaluations?: () => Promise<GateEvaluation[]>;
    overrides?: GateOverride[];
    /** Replaces the default grant, e.g. to refuse it. */
    grant?: (request: GateOverrideRequest) => Promise<GateOverride>;
    listOverrides?: () => Promise<GateOverride[]>;
  } = {},
): SloGateApi & {
  decisionCalls: string[];
  listCalls: string[];
  overrideListCalls: string[];
  grantCalls: GateOverrideRequest[];
  revokeCalls: Array<{ id: string; reason: string }>;
  overrides: GateOverride[];
} {
  const decisionCalls: string[] = [];
  const listCalls: string[] = [];
  const overrideListCalls: string[] = [];
  const grantCalls: GateOverrideRequest[] = [];
  const revokeCalls: Array<{ id: string; reason: string }> = [];
  const overrides = [...(options.overrides ?? [])];
  const unexpected = async () => {
    throw new Error('pages never record evaluations or events');
  };
  return {
    decisionCalls,
    listCalls,
    overrideListCalls,
    grantCalls,
    revokeCalls,
    overrides,
    getGateDecision: async entity => {
      decisionCalls.push(`${entity.kind}:${entity.namespace}/${entity.name}`);
      if (options.decision) return options.decision();
      const applying = overrides.find(
        o => o.state === 'active' && !o.environment && !o.version,
      );
      return applying
        ? overriddenDecision(blockedDecision, applying)
        : blockedDecision;
    },
    listGateEvaluations: async query => {
      listCalls.push(`${query.entityRef} limit ${query.limit}`);
      return {
        items: await (
          options.evaluations ?? (async () => checkoutEvaluations)
        )(),
      };
    },
    listGateOverrides: async entityRef => {
      overrideListCalls.push(entityRef);
      if (options.listOverrides) {
        return { items: await options.listOverrides() };
      }
      return { items: overrides.map(o => ({ ...o })) };
    },
    grantGateOverride: async request => {
      grantCalls.push(request);
      if (options.grant) return options.grant(request);
      const granted: GateOverride = {
        id: `ov-${overrides.length + 100}`,
        entityRef: request.entityRef,
        environment: request.environment ?? null,
        version: request.version ?? null,
        reason: request.reason,
        grantedBy: 'user:default/sam.sre',
        grantedAt: new Date().toISOString(),
        expiresAt: request.expiresAt,
        state: 'active',
        revokedBy: null,
        revokedAt: null,
        revokeReason: null,
      };
      overrides.unshift(granted);
      return granted;
    },
    revokeGateOverride: async (id, { reason }) => {
      revokeCalls.push({ id, reason });
      const index = overrides.findIndex(o => o.id === id);
      if (index < 0) throw new Error(`No gate override with id ${id}`);
      overrides[index] = {
        ...overrides[index],
        state: 'revoked',
        revokedBy: 'user:default/sam.sre',
        revokedAt: new Date().toISOString(),
        revokeReason: reason,
      };
      return overrides[index];
    },
    evaluateGate: unexpected,
    recordEvent: unexpected,
  };
}
