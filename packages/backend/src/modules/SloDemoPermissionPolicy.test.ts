import {
  HttpAuthService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import sloPlugin from '@slo-kit/plugin-slo-backend';
import { openSloYaml } from '@slo-kit/plugin-slo-common/testUtils';
import request from 'supertest';
import { permissionModuleSloDemoPolicy } from './permissionModuleSloDemoPolicy';

jest.setTimeout(60_000);

/** Who belongs to which group, as the auth backend would resolve it from the catalog. */
const MEMBERSHIP: Record<string, string[]> = {
  'user:default/guest': ['group:default/payments'],
  'user:default/sam.sre': ['group:default/sre'],
  'user:default/lukas.storefront': ['group:default/storefront'],
};

const userInfoFromMembership = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: any) {
      const userEntityRef: string = credentials.principal.userEntityRef;
      return {
        userEntityRef,
        ownershipEntityRefs: [userEntityRef, ...(MEMBERSHIP[userEntityRef] ?? [])],
      };
    },
  }),
});

/**
 * The mock httpAuth, except that a plugin's request on behalf of a user is
 * seen as the user with the plugin as actor, as real Backstage tokens are:
 * the permission backend only answers conditional queries made that way.
 */
const httpAuthWithActors = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }): HttpAuthService {
    const inner = mockServices.httpAuth({ pluginId: plugin.getId() });
    const prefix = 'Bearer mock-service-token:';
    return {
      async credentials(req: any, options?: any) {
        const credentials = await inner.credentials(req, options);
        const header: string = req.headers.authorization ?? '';
        const obo = header.startsWith(prefix)
          ? JSON.parse(header.slice(prefix.length)).obo
          : undefined;
        return obo
          ? (mockCredentials.user(obo, {
              actor: { subject: 'plugin:caller' },
            }) as any)
          : credentials;
      },
      issueUserCookie: (res, options) => inner.issueUserCookie(res, options),
    };
  },
});

function component(name: string, owner: string, sreOwner: string) {
  return `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  annotations:
    slo-kit.dev/sre-owner: ${sreOwner}
spec:
  type: service
  lifecycle: production
  owner: ${owner}
`;
}

describe('the demo permission policy, through the real permission backend', () => {
  const mockDir = createMockDirectory({
    content: {
      'catalog.yaml': [
        component('payments-service', 'group:default/payments', 'group:default/sre'),
        component('storefront-web', 'group:default/storefront', 'group:default/sre'),
      ].join('---\n'),
    },
  });

  async function startPortal() {
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        permissionPlugin,
        permissionModuleSloDemoPolicy,
        sloPlugin,
        permissionsServiceFactory,
        httpAuthWithActors,
        userInfoFromMembership,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            catalog: {
              rules: [{ allow: ['Component', 'Location'] }],
              locations: [
                { type: 'file', target: mockDir.resolve('catalog.yaml') },
              ],
            },
          },
        }),
      ],
    });
    // Wait until the catalog has read both components.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const res = await request(server)
        .get('/api/catalog/entities/by-name/component/default/storefront-web')
        .set('Authorization', mockCredentials.user.header());
      if (res.status === 200) break;
      if (Date.now() > deadline) {
        throw new Error(`catalog did not load: ${res.status} ${JSON.stringify(res.body)}`);
      }
      await new Promise(resolve => setTimeout(resolve, 250));
    }
    return server;
  }

  function register(server: any, authorization: string, entityRef: string) {
    return request(server)
      .post('/api/slo/v1/slos')
      .set('Authorization', authorization)
      .send({ entityRef, openslo: openSloYaml(['availability']) });
  }

  it('lets owners and SRE owners register, and nobody else', async () => {
    const server = await startPortal();
    const guest = mockCredentials.user.header('user:default/guest');
    const sre = mockCredentials.user.header('user:default/sam.sre');
    const storefront = mockCredentials.user.header(
      'user:default/lukas.storefront',
    );

    // The guest belongs to Payments: its own service yes, Storefront's no.
    expect(
      (await register(server, guest, 'component:default/payments-service'))
        .status,
    ).toBe(200);
    const refused = await register(
      server,
      guest,
      'component:default/storefront-web',
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain(
      'does not grant slo.definitions.register',
    );

    // The SRE owner of both services may register for both.
    expect(
      (await register(server, sre, 'component:default/storefront-web')).status,
    ).toBe(200);
    // Storefront may not touch Payments' SLOs.
    expect(
      (
        await register(
          server,
          storefront,
          'component:default/payments-service',
        )
      ).status,
    ).toBe(403);

    // A service the catalog does not know yet: any signed-in user, once.
    expect(
      (await register(server, guest, 'component:default/brand-new')).status,
    ).toBe(200);
    expect(
      (await register(server, storefront, 'component:default/brand-new'))
        .status,
    ).toBe(409);

    // Access tokens write SLI data only.
    expect(
      (
        await register(
          server,
          mockCredentials.service.header(),
          'component:default/payments-service',
        )
      ).status,
    ).toBe(403);

    // What was refused changed nothing: Storefront's SLOs are the SRE's.
    const entity = await request(server)
      .get('/api/slo/v1/entities/component/default/storefront-web')
      .set('Authorization', guest);
    expect(entity.status).toBe(200);
    expect(entity.body.slos.map((s: { id: string }) => s.id)).toEqual([
      'component:default/storefront-web#availability',
    ]);
  });
});
