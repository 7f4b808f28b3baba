import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
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
import { createCatalogConditionalDecision } from '@backstage/plugin-catalog-backend/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  sloCatalogConditions,
  transitiveOwnershipClaims,
} from '@slo-kit/plugin-slo-backend';
import {
  sloGateOverridePermission,
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
 * - Only the entity's SRE owners may override its release gate: SRE decides
 *   when reliability is no longer acceptable, and when a release may go
 *   anyway.
 * - Everything else is allowed: people read what the catalog lets them read,
 *   and use the scaffolder and the other demo plugins.
 *
 * Group membership counts through parent groups: a member of a sub-team of
 * the SRE group is an SRE owner too.
 *
 * Access tokens (the SLI feeder, CI) are not users: SLO Kit lets them write
 * SLI data, ask the gate and record events, never register or override,
 * whatever this policy says.
 */
export class SloDemoPermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly deps: { catalog: CatalogService; auth: AuthService },
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (isPermission(request.permission, sloRegisterPermission)) {
      const claims = await this.claims(user);
      if (claims.length === 0) {
        return { result: AuthorizeResult.DENY };
      }
      return createCatalogConditionalDecision(request.permission, {
        anyOf: [
          sloCatalogConditions.isServiceOwner({ claims }),
          sloCatalogConditions.isSreOwner({ claims }),
        ],
      });
    }
    if (isPermission(request.permission, sloGateOverridePermission)) {
      const claims = await this.claims(user);
      if (claims.length === 0) {
        return { result: AuthorizeResult.DENY };
      }
      return createCatalogConditionalDecision(
        request.permission,
        sloCatalogConditions.isSreOwner({ claims }),
      );
    }
    if (isPermission(request.permission, sloRegisterNewEntityPermission)) {
      return { result: user ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
    }
    return { result: AuthorizeResult.ALLOW };
  }

  /** The user's ownership claims with every group above their groups. */
  private async claims(user?: PolicyQueryUser): Promise<string[]> {
    const direct = user?.info.ownershipEntityRefs ?? [];
    if (direct.length === 0) return [];
    const credentials: BackstageCredentials =
      await this.deps.auth.getOwnServiceCredentials();
    return transitiveOwnershipClaims(direct, {
      catalog: this.deps.catalog,
      credentials,
    });
  }
}
