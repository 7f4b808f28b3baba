import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import { createDemoUserAuthenticator } from './demoUserAuthenticator';

/** The auth provider id: the frontend signs in through `/api/auth/demo-sre/refresh`. */
export const DEMO_SRE_PROVIDER_ID = 'demo-sre';

/**
 * The demo's second sign-in: everyone choosing it becomes the configured SRE
 * (`auth.providers.demo-sre.userEntityRef`, `user:default/sam.sre` in the demo),
 * signed in as the catalog user so the token's ownership claims carry the
 * catalog's group membership (`group:default/sre`). Development only, like the
 * guest provider; the provider is not mounted when `auth.providers.demo-sre`
 * is not configured.
 */
export const authModuleDemoSreProvider = createBackendModule({
  pluginId: 'auth',
  moduleId: 'demo-sre-provider',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: DEMO_SRE_PROVIDER_ID,
          factory: createProxyAuthProviderFactory({
            authenticator: createDemoUserAuthenticator(DEMO_SRE_PROVIDER_ID),
            async signInResolver({ result }, ctx) {
              return ctx.signInWithCatalogUser({
                entityRef: result.userEntityRef,
              });
            },
          }),
        });
      },
    });
  },
});
