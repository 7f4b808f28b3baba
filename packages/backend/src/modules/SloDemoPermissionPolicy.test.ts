import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import sloPlugin, {
  catalogModuleSloPermissionRules,
} from '@slo-kit/plugin-slo-backend';
import { openSloYaml } from '@slo-kit/plugin-slo-common/testUtils';
import request from 'supertest';
import { permissionModuleSloDemoPolicy } from './permissionModuleSloDemoPolicy';
import {
  httpAuthWithActors,
  userInfoFromMembership,
  waitForCatalog,
} from './__testUtils__/demoPortal';

jest.setTimeout(60_000);

/** Who belongs to which group, as the auth backend would resolve it from the catalog. */
const MEMBERSHIP: Record<string, string[]> = {
  'user:default/guest': ['group:default/payments'],
  'user:default/sam.sre': ['group:default/sre'],
  'user:default/lukas.storefront': ['group:default/storefront'],
};

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
        component(
          'payments-service',
          'group:default/payments',
          'group:default/sre',
        ),
        component(
          'storefront-web',
          'group:default/storefront',
          'group:default/sre',
        ),
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
        catalogModuleSloPermissionRules,
        httpAuthWithActors,
        userInfoFromMembership(MEMBERSHIP),
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
    await waitForCatalog(server, 'component/default/storefront-web');
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
      (await register(server, storefront, 'component:default/payments-service'))
        .status,
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
