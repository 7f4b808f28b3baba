import type { ActionsRegistryActionOptions } from '@backstage/backend-plugin-api/alpha';
import { canonicalEntityRef } from '@slo-kit/plugin-slo-common';

/**
 * The zod the actions registry hands to an action's schema callbacks. Schemas
 * are built from it (never from this package's own zod), so the registry
 * turns them into the JSON schemas assistants read.
 */
export type ActionZod = Parameters<
  ActionsRegistryActionOptions<any, any>['schema']['input']
>[0];

/**
 * A zod object schema of the registry's zod. The builders shared by several
 * actions are declared with it: their precise types cannot be named outside
 * the registry's own zod, so the actions check their outputs against the
 * slo-common types instead (and the registry parses every output).
 */
export type ActionZodObject = ReturnType<ActionZod['object']>;

/** Kind and namespace an assistant may leave out of an entity ref. */
const ENTITY_REF_DEFAULTS = {
  defaultKind: 'component',
  defaultNamespace: 'default',
};

/** The `entityRef` input of the actions that answer for one entity. */
export function entityRefInput(z: ActionZod): ReturnType<ActionZod['string']> {
  return z
    .string()
    .min(1)
    .describe(
      'The catalog entity, as kind:namespace/name, e.g. component:default/checkout-api. ' +
        'Kind defaults to component and namespace to default, so "checkout-api" also works.',
    );
}

/**
 * The canonical ref of an action's `entityRef` input; InputError naming the
 * field when it is not an entity ref.
 */
export function entityRefOfInput(value: string): string {
  return canonicalEntityRef(value.trim(), 'entityRef', ENTITY_REF_DEFAULTS);
}

/** A gate outcome, mildest first. */
function outcome(z: ActionZod) {
  return z.enum(['allow', 'warn', 'block']);
}

/** One reason of a release-gate decision. */
function gateReasonSchema(z: ActionZod) {
  return z.object({
    rule: z
      .string()
      .describe(
        'The policy rule that fired: budgetExhausted, budgetBelow, pageAlertFiring, ticketAlertFiring, noData, stale, noSreOwner, or unknownPolicy.',
      ),
    outcome: z.enum(['warn', 'block']),
    sloId: z
      .string()
      .nullable()
      .describe(
        'The SLO concerned (<entity ref>#<slo name>); null for the whole entity.',
      ),
    message: z.string().describe('One sentence with the numbers, for people.'),
    numbers: z
      .object({
        remaining: z
          .number()
          .optional()
          .describe(
            'Fraction of the error budget left (negative when overspent).',
          ),
        threshold: z.number().optional(),
        burnRate: z.number().optional(),
        shortBurnRate: z.number().optional(),
        factor: z.number().optional(),
        window: z.string().optional(),
        shortWindow: z.string().optional(),
        evaluatedAt: z.string().optional(),
        dataThrough: z.string().optional(),
        ageSeconds: z.number().optional(),
        maxAgeSeconds: z.number().optional(),
      })
      .describe('The numbers behind the reason.'),
  });
}

/**
 * A release-gate decision as `check-release` and `list-budgets-at-risk`
 * answer it (slo-common's `GateDecision`).
 */
export function gateDecisionSchema(z: ActionZod): ActionZodObject {
  return z.object({
    entityRef: z.string(),
    decision: outcome(z).describe(
      'The gate\u2019s answer under the entity\u2019s policy: allow, warn or block.',
    ),
    enforced: outcome(z).describe(
      'What a CI pipeline must act on: the decision under an enforcing policy, always allow under an advisory one or for an exempt change type.',
    ),
    policy: z.object({
      name: z.string(),
      mode: z.enum(['enforce', 'advisory']),
      exemptChangeTypes: z
        .array(z.string())
        .describe('Change types the policy always lets through.'),
    }),
    decidedBy: z
      .string()
      .nullable()
      .describe(
        'Who decides when reliability is no longer acceptable: the SRE owner group, else the service owner.',
      ),
    exemption: z
      .string()
      .nullable()
      .describe('The exempt change type that made the answer allow, if any.'),
    override: z
      .object({
        id: z.string(),
        grantedBy: z
          .string()
          .describe('User entity ref of the SRE who granted it.'),
        reason: z.string(),
        expiresAt: z.string(),
      })
      .optional()
      .describe(
        'The active override that made the answer allow (who, why, until); absent when none applied.',
      ),
    reasons: z.array(gateReasonSchema(z)),
    evaluatedAt: z.string(),
  });
}
