import { auditorServiceFactory } from '@backstage/backend-defaults/auditor';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
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
  CapturedLog,
  capturingLoggers,
  httpAuthWithActors,
  userInfoFromMembership,
  waitForCatalog,
} from './__testUtils__/demoPortal';

jest.setTimeout(90_000);

const ENTITY = 'component:default/checkout-api';

/** Direct memberships, as sign-in resolves them; oncall is a sub-team of SRE. */
const MEMBERSHIP: Record<string, string[]> = {
  'user:default/guest': ['group:default/payments'],
  'user:default/sam.sre': ['group:default/sre'],
  'user:default/noor.oncall': ['group:default/sre-oncall'],
};

const SRE = mockCredentials.user.header('user:default/sam.sre');
const ONCALL = mockCredentials.user.header('user:default/noor.oncall');
const PAYMENTS = mockCredentials.user.header('user:default/guest');
const SERVICE = mockCredentials.service.header();

const CATALOG = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout-api
  annotations:
    slo-kit.dev/sre-owner: group:default/sre
spec:
  type: service
  lifecycle: production
  owner: group:default/payments
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: sre
spec:
  type: team
  children: [sre-oncall]
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: sre-oncall
spec:
  type: team
  parent: sre
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: payments
spec:
  type: team
  children: []
`;

describe('gate overrides under the demo policy, through the real permission backend', () => {
  const mockDir = createMockDirectory({ content: { 'catalog.yaml': CATALOG } });
  const logs: CapturedLog[] = [];
  let server: any;

  /**
   * The auditor's events of one action: a success is logged with the event
   * as meta, a failure with the error as meta and the event as fields.
   */
  const audits = (actionType: string, status: string) =>
    logs
      .filter(l => l.fields.isAuditEvent === true)
      .filter(l => l.message === 'slo.gate-override')
      .map(l => ({
        ...l.fields,
        ...(l.meta instanceof Error ? {} : (l.meta as object)),
      }))
      .filter(
        (event: any) =>
          event.meta?.actionType === actionType && event.status === status,
      ) as any[];

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleSloPermissionRules,
        permissionPlugin,
        permissionModuleSloDemoPolicy,
        sloPlugin,
        permissionsServiceFactory,
        auditorServiceFactory,
        schedulerServiceFactory,
        capturingLoggers(logs),
        httpAuthWithActors,
        userInfoFromMembership(MEMBERSHIP),
        mockServices.rootConfig.factory({
          data: {
            backend: { baseUrl: 'http://localhost:7007' },
            permission: { enabled: true },
            catalog: {
              rules: [{ allow: ['Component', 'Group', 'Location'] }],
              locations: [
                { type: 'file', target: mockDir.resolve('catalog.yaml') },
              ],
            },
            slo: {
              // No data blocks, so the new service is blocked from the start.
              releasePolicies: {
                default: { rules: [{ when: 'noData', then: 'block' }] },
              },
              schedules: {
                overrideExpiry: {
                  frequency: { seconds: 1 },
                  timeout: { seconds: 30 },
                },
              },
            },
          },
        }),
      ],
    }));
    await waitForCatalog(server, 'group/default/sre-oncall');
    await waitForCatalog(server, 'component/default/checkout-api');
    const registered = await request(server)
      .post('/api/slo/v1/slos')
      .set('Authorization', SRE)
      .send({ entityRef: ENTITY, openslo: openSloYaml(['availability']) });
    if (registered.status !== 200) {
      throw new Error(
        `registering the SLOs as the SRE failed: ${registered.status} ${JSON.stringify(registered.body)}`,
      );
    }
  });

  const gate = () =>
    request(server)
      .get('/api/slo/v1/gate/component/default/checkout-api')
      .set('Authorization', PAYMENTS);

  function grant(authorization: string, body: Record<string, unknown> = {}) {
    return request(server)
      .post('/api/slo/v1/gate/overrides')
      .set('Authorization', authorization)
      .send({
        entityRef: ENTITY,
        reason: 'hotfix for INC-42, reviewed with Payments',
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
        ...body,
      });
  }

  it('lets the SRE owner override (201), and not Payments (403), a token (403) or an unknown entity (404)', async () => {
    const refused = await grant(PAYMENTS);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain(
      'does not grant slo.gate.override',
    );
    expect((await grant(SERVICE)).status).toBe(403);
    expect(
      (await grant(SRE, { entityRef: 'component:default/nobody-knows' }))
        .status,
    ).toBe(404);
    expect((await gate()).body.enforced).toBe('block');
    expect(audits('grant', 'failed')).toHaveLength(3);

    const granted = await grant(SRE);
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({
      entityRef: ENTITY,
      grantedBy: 'user:default/sam.sre',
      reason: 'hotfix for INC-42, reviewed with Payments',
      state: 'active',
    });
    await request(server)
      .delete(`/api/slo/v1/gate/overrides/${granted.body.id}`)
      .set('Authorization', SRE)
      .send({ reason: 'clean up after the first test' })
      .expect(200);
  });

  it('counts members of a sub-team of the SRE group as SRE owners', async () => {
    const granted = await grant(ONCALL);
    expect(granted.status).toBe(201);
    await request(server)
      .delete(`/api/slo/v1/gate/overrides/${granted.body.id}`)
      .set('Authorization', ONCALL)
      .send({ reason: 'clean up after the sub-team test' })
      .expect(200);
  });

  it('refuses bad input with the field and the reason, and stores nothing', async () => {
    const before = await request(server)
      .get('/api/slo/v1/gate/overrides')
      .query({ entityRef: ENTITY })
      .set('Authorization', SRE);
    const tooLong = await grant(SRE, {
      expiresAt: new Date(Date.now() + 8 * 24 * 3_600_000).toISOString(),
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.message).toContain('expiresAt');
    expect(tooLong.body.error.message).toContain('7 days');
    const past = await grant(SRE, { expiresAt: '2020-01-01T00:00:00Z' });
    expect(past.status).toBe(400);
    expect(past.body.error.message).toContain(
      'expiresAt: must be in the future',
    );
    const short = await grant(SRE, { reason: 'hotfix' });
    expect(short.status).toBe(400);
    expect(short.body.error.message).toContain('reason');
    const after = await request(server)
      .get('/api/slo/v1/gate/overrides')
      .query({ entityRef: ENTITY })
      .set('Authorization', SRE);
    expect(after.body.items).toEqual(before.body.items);
  });

  it('grant → the gate allows naming the override; revoke → it blocks again; every step audited', async () => {
    expect((await gate()).body.enforced).toBe('block');
    const granted = await grant(SRE, { reason: 'hotfix for INC-42' });
    expect(granted.status).toBe(201);

    const allowed = (await gate()).body;
    expect(allowed.decision).toBe('allow');
    expect(allowed.enforced).toBe('allow');
    expect(allowed.override).toEqual({
      id: granted.body.id,
      grantedBy: 'user:default/sam.sre',
      reason: 'hotfix for INC-42',
      expiresAt: granted.body.expiresAt,
    });
    expect(allowed.reasons.map((r: any) => r.rule)).toEqual(['noData']);

    // Payments may not revoke either.
    expect(
      (
        await request(server)
          .delete(`/api/slo/v1/gate/overrides/${granted.body.id}`)
          .set('Authorization', PAYMENTS)
          .send({ reason: 'we would rather not wait' })
      ).status,
    ).toBe(403);
    const revoked = await request(server)
      .delete(`/api/slo/v1/gate/overrides/${granted.body.id}`)
      .set('Authorization', SRE)
      .send({ reason: 'the hotfix is out' });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({
      state: 'revoked',
      revokedBy: 'user:default/sam.sre',
      revokeReason: 'the hotfix is out',
    });
    expect((await gate()).body.enforced).toBe('block');
    const again = await request(server)
      .delete(`/api/slo/v1/gate/overrides/${granted.body.id}`)
      .set('Authorization', SRE)
      .send({ reason: 'the hotfix is out twice' });
    expect(again.status).toBe(409);

    const granting = audits('grant', 'succeeded');
    expect(granting.length).toBeGreaterThanOrEqual(1);
    expect(granting[granting.length - 1]).toMatchObject({
      actor: { actorId: 'user:default/sam.sre' },
      meta: { entityRef: ENTITY, overrideId: granted.body.id },
    });
    expect(
      audits('revoke', 'succeeded').some(
        a => a.meta.overrideId === granted.body.id,
      ),
    ).toBe(true);
    expect(audits('revoke', 'failed').length).toBeGreaterThanOrEqual(2);
  });

  it('expires: the gate blocks again, and the expiry is stored and audited once', async () => {
    const granted = await grant(SRE, {
      reason: 'a short window for the rollout',
      expiresAt: new Date(Date.now() + 1500).toISOString(),
    });
    expect(granted.status).toBe(201);
    expect((await gate()).body.override?.id).toBe(granted.body.id);

    await new Promise(resolve => setTimeout(resolve, 1600));
    expect((await gate()).body.enforced).toBe('block');

    const expiredAudit = () =>
      audits('expire', 'succeeded').filter(
        a => a.meta.overrideId === granted.body.id,
      );
    const deadline = Date.now() + 20_000;
    while (expiredAudit().length === 0 && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 250));
    }
    // The expiry job runs every second; give it two more runs.
    await new Promise(resolve => setTimeout(resolve, 2500));
    expect(expiredAudit()).toHaveLength(1);

    const history = await request(server)
      .get('/api/slo/v1/gate/overrides')
      .query({ entityRef: ENTITY })
      .set('Authorization', PAYMENTS);
    expect(history.status).toBe(200);
    const states = history.body.items.map((o: any) => [o.reason, o.state]);
    expect(states[0]).toEqual(['a short window for the rollout', 'expired']);
    expect(states).toContainEqual(['hotfix for INC-42', 'revoked']);
  });
});
