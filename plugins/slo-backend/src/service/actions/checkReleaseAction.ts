import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { GateDecision } from '@slo-kit/plugin-slo-common';
import { ReleaseGate } from '../gate/ReleaseGate';
import {
  entityRefInput,
  entityRefOfInput,
  gateDecisionSchema,
} from './actionSchemas';

/**
 * `check-release`: "may this service ship now?" The release gate's current
 * decision for one entity, read with the caller's credentials and not
 * recorded (CI records its evaluations through the REST API).
 */
export function registerCheckReleaseAction(
  registry: ActionsRegistryService,
  deps: { gate: ReleaseGate },
) {
  registry.register({
    name: 'check-release',
    title: 'Check whether a service may be released now',
    description:
      'Asks SLO Kit\u2019s release gate whether a catalog entity may ship now, under the error-budget policy it names. ' +
      'Answers allow, warn or block, what a CI pipeline must enforce, the policy, who decides (the SRE owner), ' +
      'and every reason with the SLO and its numbers (budget left, burn rates, data age). ' +
      'Nothing is recorded. Give changeType (e.g. rollback, security-fix) when the change may be exempt. ' +
      'Unknown entities, and entities the caller may not see in the catalog, are not found.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: entityRefInput(z),
          changeType: z
            .string()
            .min(1)
            .max(100)
            .optional()
            .describe(
              'The kind of change, e.g. feature, rollback, security-fix. Change types the policy exempts are allowed (the reasons are still listed).',
            ),
        }),
      output: z => gateDecisionSchema(z),
    },
    action: async ({ input, credentials }) => {
      const decision: GateDecision = await deps.gate.decide(
        entityRefOfInput(input.entityRef),
        credentials,
        { changeType: input.changeType ?? null },
      );
      return { output: decision };
    },
  });
}
