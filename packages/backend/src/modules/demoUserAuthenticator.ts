import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { createProxyAuthenticator } from '@backstage/plugin-auth-node';

/** What the provider read from its configuration at startup. */
export interface DemoUserContext {
  /** The catalog user everyone signing in with this provider becomes. */
  userEntityRef: string;
  /** Why sign-in is refused (outside development), or undefined when allowed. */
  refusal?: string;
}

/** The authenticated result: the configured user, looked up in the catalog next. */
export interface DemoUserResult {
  userEntityRef: string;
}

/**
 * A proxy authenticator that signs everyone in as one configured catalog user,
 * for demos where a visitor plays a given role. Like Backstage's guest
 * provider, it refuses outside development (`NODE_ENV` other than
 * `development`) unless `dangerouslyAllowOutsideDevelopment` is set.
 *
 * Reads `auth.providers.<providerId>.userEntityRef` (required) and
 * `auth.providers.<providerId>.dangerouslyAllowOutsideDevelopment`.
 */
export function createDemoUserAuthenticator(providerId: string) {
  const configKey = `auth.providers.${providerId}`;

  return createProxyAuthenticator<DemoUserContext, DemoUserResult, undefined>({
    initialize({ config }) {
      const userEntityRef = config.getString('userEntityRef');
      const allowOutsideDevelopment =
        config.getOptionalBoolean('dangerouslyAllowOutsideDevelopment') ===
        true;
      const nodeEnv = process.env.NODE_ENV;
      if (nodeEnv === 'development' || allowOutsideDevelopment) {
        return { userEntityRef };
      }
      return {
        userEntityRef,
        refusal:
          `The ${providerId} demo sign-in signs anyone in as ${userEntityRef} without a password, ` +
          `so it only works when the backend runs with NODE_ENV=development (it runs with ` +
          `NODE_ENV=${
            nodeEnv ?? '(unset)'
          }). Set '${configKey}.dangerouslyAllowOutsideDevelopment: true' ` +
          `only if you accept that risk.`,
      };
    },

    async authenticate(_request, context) {
      if (context.refusal) {
        throw new NotAllowedError(context.refusal);
      }
      return { result: { userEntityRef: context.userEntityRef } };
    },

    // The profile (name, email, picture) is the catalog user's, so the portal
    // shows who the visitor plays.
    async defaultProfileTransform(result, resolverContext) {
      let entity;
      try {
        ({ entity } = await resolverContext.findCatalogUser({
          entityRef: result.userEntityRef,
        }));
      } catch (error) {
        if ((error as Error)?.name === 'NotFoundError') {
          throw new NotFoundError(
            `The demo user ${result.userEntityRef} named in '${configKey}.userEntityRef' is not in the catalog`,
            error,
          );
        }
        throw error;
      }
      const profile = (entity.spec?.profile ?? {}) as {
        displayName?: string;
        email?: string;
        picture?: string;
      };
      return {
        profile: {
          displayName: profile.displayName,
          email: profile.email,
          picture: profile.picture,
        },
      };
    },
  });
}
