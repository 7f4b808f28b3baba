import {
  AuthorizeResult,
  PolicyDecision,
  isPermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  ANNOTATION_SRE_OWNER,
  sloRegisterNewEntityPermission,
  sloRegisterPermission,
} from '@slo-kit/plugin-slo-common';

/**
 * The demo portal's permission policy:
 *
 * - SLO definitions of a catalog entity may be registered by its owners: the
 *   members of its owner group (`spec.owner`) or of its SRE owner group
 *   (`slo-kit.dev/sre-owner`). The demo's guest belongs to Payments, so it
 *   may register only for Payments' services.
 * - Any signed-in user may register the SLOs of an entity the catalog does not
 *   know yet (the golden path does, before publishing); SLO Kit itself refuses
 *   when that entity already has SLOs.
 * - Everything else is allowed: people read what the catalog lets them read,
 *   and use the scaffolder and the other demo plugins.
 *
 * Access tokens (the SLI feeder) are not users: SLO Kit lets them write SLI
 * data and nothing else, whatever this policy says.
 */
export class SloDemoPermissionPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (isPermission(request.permission, sloRegisterPermission)) {
      const claims = user?.info.ownershipEntityRefs ?? [];
      if (claims.length === 0) {
        return { result: AuthorizeResult.DENY };
      }
      return createCatalogConditionalDecision(request.permission, {
        anyOf: [
          catalogConditions.isEntityOwner({ claims }),
          ...claims.map(claim =>
            catalogConditions.hasAnnotation({
              annotation: ANNOTATION_SRE_OWNER,
              value: claim,
            }),
          ),
        ],
      });
    }
    if (isPermission(request.permission, sloRegisterNewEntityPermission)) {
      return { result: user ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
    }
    return { result: AuthorizeResult.ALLOW };
  }
}
