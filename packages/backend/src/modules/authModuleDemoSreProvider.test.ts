import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { ConfigReader, type JsonObject } from '@backstage/config';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import guestProviderModule from '@backstage/plugin-auth-backend-module-guest-provider';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { authModuleDemoSreProvider } from './authModuleDemoSreProvider';
import { waitForCatalog } from './__testUtils__/demoPortal';

jest.setTimeout(90_000);

const repoRoot = path.resolve(__dirname, '../../../..');

function readConfig(file: string) {
  return parse(fs.readFileSync(path.join(repoRoot, file), 'utf8'));
}

/** The demo's `auth.providers`, exactly as app-config.yaml sets them. */
const demoProviders = readConfig('app-config.yaml').auth.providers;

/** The claims of a Backstage user token (its payload, not verified here). */
function claimsOf(token: string) {
  return JSON.parse(
    Buffer.from(token.split('.')[1], 'base64url').toString('utf8'),
  );
}

/** Runs `fn` with NODE_ENV set to `nodeEnv`, as the backend would run. */
async function withNodeEnv<T>(nodeEnv: string, fn: () => Promise<T>) {
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = nodeEnv;
  try {
    return await fn();
  } finally {
    process.env.NODE_ENV = previous;
  }
}

/**
 * Starts the auth backend with the guest provider and the demo SRE provider,
 * and a catalog holding the demo organisation (examples/org.yaml), with
 * NODE_ENV set as given while the providers initialise. With `realTokens`,
 * Backstage's own token handling replaces the mocks, so the user tokens the
 * auth backend issues are accepted by the backend's routes.
 */
async function startDemoAuth(options: {
  nodeEnv: string;
  providers: JsonObject;
  realTokens?: boolean;
}) {
  return withNodeEnv(options.nodeEnv, async () => {
    const { server } = await startTestBackend({
      features: [
        ...(options.realTokens
          ? [authServiceFactory, httpAuthServiceFactory]
          : []),
        authPlugin,
        guestProviderModule,
        authModuleDemoSreProvider,
        catalogPlugin,
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            backend: { baseUrl: 'http://localhost:7007' },
            auth: { providers: options.providers },
            catalog: {
              rules: [{ allow: ['User', 'Group'] }],
              locations: [
                {
                  type: 'file',
                  target: path.join(repoRoot, 'examples/org.yaml'),
                },
              ],
            },
          },
        }),
      ],
    });
    return server;
  });
}

function refresh(server: any, providerId: string) {
  return request(server)
    .get(`/api/auth/${providerId}/refresh`)
    .set('X-Requested-With', 'XMLHttpRequest');
}

describe('the demo SRE sign-in (auth.providers.demo-sre)', () => {
  describe('in development, with the demo configuration', () => {
    let server: any;

    beforeAll(async () => {
      server = await startDemoAuth({
        nodeEnv: 'development',
        providers: demoProviders,
        realTokens: true,
      });
      // The catalog reads examples/org.yaml after startup; sign-in waits for it.
      const deadline = Date.now() + 30_000;
      while ((await refresh(server, 'demo-sre')).status !== 200) {
        if (Date.now() > deadline) throw new Error('sam.sre never signed in');
        await new Promise(resolve => setTimeout(resolve, 250));
      }
    });

    it('is configured for sam.sre in app-config.yaml', () => {
      expect(demoProviders['demo-sre']).toEqual({
        userEntityRef: 'user:default/sam.sre',
      });
    });

    it('signs in as Sam Okafor with the SRE group in the ownership claims', async () => {
      const res = await refresh(server, 'demo-sre');

      expect(res.status).toBe(200);
      expect(res.body.profile).toEqual({
        displayName: 'Sam Okafor',
        email: 'sam@acme.example',
      });
      const { identity, token } = res.body.backstageIdentity;
      expect(identity.userEntityRef).toBe('user:default/sam.sre');
      expect(identity.ownershipEntityRefs).toEqual(
        expect.arrayContaining(['user:default/sam.sre', 'group:default/sre']),
      );
      expect(identity.ownershipEntityRefs).not.toContain(
        'group:default/payments',
      );
      expect(claimsOf(token).sub).toBe('user:default/sam.sre');

      // Backstage keeps the ownership claims out of the token and serves them
      // to the backend (coreServices.userInfo, which permission policies read)
      // for the token: they hold the SRE group.
      const userInfo = await request(server)
        .get('/api/auth/v1/userinfo')
        .set('Authorization', `Bearer ${token}`);
      expect(userInfo.status).toBe(200);
      expect(userInfo.body.claims.sub).toBe('user:default/sam.sre');
      expect(userInfo.body.claims.ent).toEqual(
        expect.arrayContaining(['user:default/sam.sre', 'group:default/sre']),
      );
    });

    it('leaves the guest the Payments team service owner', async () => {
      // The guest provider checks NODE_ENV on every sign-in as well.
      const res = await withNodeEnv('development', () =>
        refresh(server, 'guest'),
      );

      expect(res.status).toBe(200);
      const { identity } = res.body.backstageIdentity;
      expect(identity.userEntityRef).toBe('user:default/guest');
      expect(identity.ownershipEntityRefs).toContain('group:default/payments');
      expect(identity.ownershipEntityRefs).not.toContain('group:default/sre');
    });
  });

  describe('in development, naming a user the catalog does not have', () => {
    let server: any;

    beforeAll(async () => {
      server = await startDemoAuth({
        nodeEnv: 'development',
        providers: { 'demo-sre': { userEntityRef: 'user:default/nobody' } },
      });
      await waitForCatalog(server, 'user/default/sam.sre');
    });

    it('refuses with 404 naming the user and the setting', async () => {
      const res = await refresh(server, 'demo-sre');

      expect(res.status).toBe(404);
      expect(res.body.error.message).toContain(
        "The demo user user:default/nobody named in 'auth.providers.demo-sre.userEntityRef' is not in the catalog",
      );
    });
  });

  describe('outside development', () => {
    let server: any;

    beforeAll(async () => {
      server = await startDemoAuth({
        nodeEnv: 'production',
        providers: demoProviders,
      });
    });

    it('refuses to sign in with 403 and says why', async () => {
      const res = await refresh(server, 'demo-sre');

      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('NotAllowedError');
      expect(res.body.error.message).toContain('NODE_ENV=development');
      expect(res.body.error.message).toContain(
        "'auth.providers.demo-sre.dangerouslyAllowOutsideDevelopment: true'",
      );
      expect(res.body).not.toHaveProperty('backstageIdentity');
    });
  });

  describe('outside development with dangerouslyAllowOutsideDevelopment', () => {
    let server: any;

    beforeAll(async () => {
      server = await startDemoAuth({
        nodeEnv: 'production',
        providers: {
          'demo-sre': {
            userEntityRef: 'user:default/sam.sre',
            dangerouslyAllowOutsideDevelopment: true,
          },
        },
      });
      await waitForCatalog(server, 'user/default/sam.sre');
    });

    it('signs in', async () => {
      const res = await refresh(server, 'demo-sre');

      expect(res.status).toBe(200);
      expect(res.body.backstageIdentity.identity.ownershipEntityRefs).toContain(
        'group:default/sre',
      );
    });
  });

  describe('with app-config.production.yaml', () => {
    const production = ConfigReader.fromConfigs([
      { context: 'app-config.yaml', data: readConfig('app-config.yaml') },
      {
        context: 'app-config.production.yaml',
        data: readConfig('app-config.production.yaml'),
      },
    ]).getConfig('auth.providers');

    let server: any;

    beforeAll(async () => {
      server = await startDemoAuth({
        nodeEnv: 'production',
        providers: production.get(),
      });
    });

    it('removes the provider', async () => {
      expect(production.has('demo-sre')).toBe(false);

      const res = await refresh(server, 'demo-sre');
      expect(res.status).toBe(404);
      expect(res.body.error.message).toContain(
        "No auth provider registered for 'demo-sre'",
      );
    });

    it('keeps the guest refusing', async () => {
      const res = await refresh(server, 'guest');
      expect(res.status).toBe(403);
    });
  });
});
