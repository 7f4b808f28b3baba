import type {
  GateDecision,
  GateEvaluation,
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

/** A gate API over fixed answers that records what it was asked. */
export function fakeGateApi(
  options: {
    decision?: () => Promise<GateDecision>;
    evaluations?: () => Promise<GateEvaluation[]>;
  } = {},
): SloGateApi & { decisionCalls: string[]; listCalls: string[] } {
  const decisionCalls: string[] = [];
  const listCalls: string[] = [];
  const unexpected = async () => {
    throw new Error('pages never record evaluations or events');
  };
  return {
    decisionCalls,
    listCalls,
    getGateDecision: async entity => {
      decisionCalls.push(`${entity.kind}:${entity.namespace}/${entity.name}`);
      return (options.decision ?? (async () => blockedDecision))();
    },
    listGateEvaluations: async query => {
      listCalls.push(`${query.entityRef} limit ${query.limit}`);
      return {
        items: await (
          options.evaluations ?? (async () => checkoutEvaluations)
        )(),
      };
    },
    evaluateGate: unexpected,
    recordEvent: unexpected,
  };
}
