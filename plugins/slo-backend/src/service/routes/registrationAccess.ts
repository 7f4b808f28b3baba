import {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  sloRegisterNewEntityPermission,
  sloRegisterPermission,
} from '@slo-kit/plugin-slo-common';
import type { SloDefinitionStore } from '@slo-kit/plugin-slo-node';
import { EntityVisibility } from './entityVisibility';

/** Subjects of service principals that are Backstage plugins acting on their own. */
const PLUGIN_SUBJECT_PREFIX = 'plugin:';

/**
 * Who may register (and so replace or retire) an entity's SLO definitions:
 *
 * - a user, for an entity in the catalog that they can see, when the policy
 *   grants `slo.definitions.register` on that entity (for example to its
 *   owners);
 * - a user, for an entity the catalog does not know yet, when the policy
 *   grants `slo.definitions.register.new-entity` and no SLOs are registered
 *   for it yet (the golden path registers before it publishes);
 * - a Backstage plugin calling on its own behalf.
 *
 * External access tokens (CI, SLI feeders) never register: they only write
 * SLI data. Every refusal is a `NotAllowedError` (403) or, for an unlisted
 * entity that already has SLOs, a `ConflictError` (409); nothing is changed.
 */
export class RegistrationAccess {
  constructor(
    private readonly options: {
      permissions: PermissionsService;
      visibility: EntityVisibility;
      definitions: Pick<SloDefinitionStore, 'listEntityDefinitions'>;
    },
  ) {}

  async assertMayRegister(
    entityRef: string,
    credentials: BackstageCredentials<
      BackstageUserPrincipal | BackstageServicePrincipal
    >,
  ): Promise<void> {
    const { principal } = credentials;
    if (principal.type === 'service') {
      if (!principal.subject.startsWith(PLUGIN_SUBJECT_PREFIX)) {
        throw new NotAllowedError(
          `${principal.subject} may not register SLOs: access tokens write SLI data only; register SLOs as a user (the golden path does) or from a Backstage plugin`,
        );
      }
      return;
    }
    const { entity, visible } = await this.options.visibility.readEntity(
      entityRef,
      credentials,
    );
    if (entity) {
      await this.assertAllowed(sloRegisterPermission.name, entityRef, () =>
        this.options.permissions.authorize(
          [{ permission: sloRegisterPermission, resourceRef: entityRef }],
          { credentials },
        ),
      );
      return;
    }
    if (!visible) {
      throw new NotAllowedError(`You may not register SLOs for ${entityRef}`);
    }
    await this.assertAllowed(
      sloRegisterNewEntityPermission.name,
      entityRef,
      () =>
        this.options.permissions.authorize(
          [{ permission: sloRegisterNewEntityPermission }],
          { credentials },
        ),
    );
    const registered = await this.options.definitions.listEntityDefinitions(
      entityRef,
      { includeDeleted: false },
    );
    if (registered.length > 0) {
      throw new ConflictError(
        `${entityRef} is not in the catalog yet and has SLOs registered already (${registered
          .map(d => d.name)
          .join(
            ', ',
          )}); choose another name, or update them once the entity is in the catalog`,
      );
    }
  }

  private async assertAllowed(
    permissionName: string,
    entityRef: string,
    authorize: () => Promise<Array<{ result: AuthorizeResult }>>,
  ) {
    const [decision] = await authorize();
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You may not register SLOs for ${entityRef}: the permission policy does not grant ${permissionName}`,
      );
    }
  }
}
