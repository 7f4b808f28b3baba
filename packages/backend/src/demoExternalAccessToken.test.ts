import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  createMockDirectory,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import sloPlugin from '@slo-kit/plugin-slo-backend';
import { openSloYaml } from '@slo-kit/plugin-slo-common/testUtils';
import request from 'supertest';
import { demoAppConfig } from './__testUtils__/demoAppConfig';

jest.setTimeout(90_000);

const externalAccess = demoAppConfig().backend.auth.externalAccess;
const TOKEN = `Bearer ${externalAccess[0].options.token}`;
const ENTITY = 'component:default/checkout-api';

describe("the demo's external-access token, restricted to the slo plugin", () => {
  const mockDir = createMockDirectory({
    content: {
      'checkout-api/catalog-info.yaml': `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout-api
  annotations:
    slo-kit.dev/openslo-ref: ./slos.yaml
    slo-kit.dev/sre-owner: group:default/sre
spec:
  type: service
  lifecycle: production
  owner: group:default/payments
`,
      'checkout-api/slos.yaml': openSloYaml(['availability', 'latency']),
    },
  });

  let server: any;

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        catalogPlugin,
        sloPlugin,
        // Backstage's own token handling, not the mocks: these enforce the
        // token's access restrictions when SLO Kit calls the catalog.
        authServiceFactory,
        httpAuthServiceFactory,
        schedulerServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            backend: {
              baseUrl: 'http://localhost:7007',
              auth: { externalAccess },
            },
            catalog: {
              rules: [{ allow: ['Component', 'Location'] }],
              locations: [
                {
                  type: 'file',
                  target: mockDir.resolve('checkout-api/catalog-info.yaml'),
                },
              ],
            },
            slo: {
              definitions: { localRoots: [mockDir.path] },
              ingestion: {
                writers: [
                  {
                    subject: externalAccess[0].options.subject,
                    namespaces: ['default'],
                  },
                ],
              },
              schedules: {
                catalogSync: {
                  frequency: { seconds: 1 },
                  timeout: { seconds: 30 },
                },
              },
            },
          },
        }),
      ],
    }));
    // The catalog reads the component, then SLO Kit's sync its SLOs; the
    // token itself is what waits for them.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const res = await request(server)
        .get('/api/slo/v1/entities/component/default/checkout-api')
        .set('Authorization', TOKEN);
      if (res.status === 200 && res.body.slos.length === 2) break;
      if (Date.now() > deadline) {
        throw new Error(
          `SLOs never became readable: ${res.status} ${JSON.stringify(
            res.body,
          )}`,
        );
      }
      await new Promise(resolve => setTimeout(resolve, 500));
    }
  });

  it('may not call the catalog itself', async () => {
    const res = await request(server)
      .get('/api/catalog/entities/by-name/component/default/checkout-api')
      .set('Authorization', TOKEN);
    expect(res.status).toBe(403);
  });

  it('reads the entity with its ownership, as the README says services may', async () => {
    const res = await request(server)
      .get('/api/slo/v1/entities/component/default/checkout-api')
      .set('Authorization', TOKEN);
    expect(res.status).toBe(200);
    expect(res.body.ownership).toMatchObject({
      serviceOwner: 'group:default/payments',
      sreOwner: 'group:default/sre',
    });
    expect(res.body.slos.map((s: any) => s.id).sort()).toEqual([
      `${ENTITY}#availability`,
      `${ENTITY}#latency`,
    ]);
  });

  it('writes SLI data, then reads the history and the portfolio', async () => {
    const minute = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);
    const ingest = await request(server)
      .post('/api/slo/v1/sli')
      .set('Authorization', TOKEN)
      .send({
        points: [
          {
            slo: `${ENTITY}#availability`,
            timestamp: minute.toISOString(),
            good: 99,
            total: 100,
          },
        ],
      });
    expect(ingest.status).toBe(200);

    const history = await request(server)
      .get(
        `/api/slo/v1/slos/${encodeURIComponent(
          `${ENTITY}#availability`,
        )}/history`,
      )
      .set('Authorization', TOKEN);
    expect(history.status).toBe(200);
    expect(history.body.id).toBe(`${ENTITY}#availability`);

    const portfolio = await request(server)
      .get('/api/slo/v1/slos')
      .set('Authorization', TOKEN);
    expect(portfolio.status).toBe(200);
    expect(portfolio.body.totalCount).toBe(2);
  });

  it('asks the gate, records the evaluation and the deploy, reads the trail', async () => {
    const current = await request(server)
      .get('/api/slo/v1/gate/component/default/checkout-api')
      .set('Authorization', TOKEN);
    expect(current.status).toBe(200);
    expect(current.body.entityRef).toBe(ENTITY);
    expect(current.body.decidedBy).toBe('group:default/sre');

    const evaluation = await request(server)
      .post('/api/slo/v1/gate/evaluations')
      .set('Authorization', TOKEN)
      .send({
        entityRef: ENTITY,
        environment: 'production',
        version: 'abc123',
      });
    expect(evaluation.status).toBe(200);
    expect(evaluation.body.id).not.toBe('');
    expect(evaluation.body.requestedBy).toBe('slo-kit-demo-feeder');

    const trail = await request(server)
      .get('/api/slo/v1/gate/evaluations')
      .query({ entityRef: ENTITY })
      .set('Authorization', TOKEN);
    expect(trail.status).toBe(200);
    expect(trail.body.items.map((e: any) => e.id)).toContain(
      evaluation.body.id,
    );

    const deploy = await request(server)
      .post('/api/slo/v1/events')
      .set('Authorization', TOKEN)
      .send({
        entityRef: ENTITY,
        type: 'deploy',
        at: new Date().toISOString(),
        title: 'Deploy abc123',
        version: 'abc123',
      });
    expect(deploy.status).toBe(200);
  });

  it('gets 404, not 403, for an entity nobody knows', async () => {
    const res = await request(server)
      .get('/api/slo/v1/gate/component/default/no-such-service')
      .set('Authorization', TOKEN);
    expect(res.status).toBe(404);
  });

  it('still may not register SLOs', async () => {
    const res = await request(server)
      .post('/api/slo/v1/slos')
      .set('Authorization', TOKEN)
      .send({ entityRef: ENTITY, openslo: openSloYaml(['availability']) });
    expect(res.status).toBe(403);
  });
});
