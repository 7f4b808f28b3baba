import { mockServices } from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import { readSloBackendConfig } from '../config';
import { SloStores } from '../database/SloStores';
import { RequestsInFlight } from '../RequestsInFlight';
import { GateOverrides } from './gate/GateOverrides';
import { SliWriter } from './ingestion/SliWriter';
import { createRouter } from './router';

describe('the requests background work gives way to', () => {
  it('are every API request but a pushed SLI batch', async () => {
    const requests = new RequestsInFlight();
    const decisions: string[] = [];
    const middleware = requests.middleware.bind(requests);
    requests.middleware = counts =>
      middleware(req => {
        const counted = counts(req);
        decisions.push(`${req.method} ${req.path}: ${counted}`);
        return counted;
      });
    const router = await createRouter({
      logger: mockServices.logger.mock(),
      stores: {} as SloStores,
      sliWriter: {} as SliWriter,
      gateOverrides: {} as GateOverrides,
      httpAuth: mockServices.httpAuth.mock(),
      permissions: mockServices.permissions.mock(),
      catalog: {} as any,
      discovery: mockServices.discovery.mock(),
      config: readSloBackendConfig(mockServices.rootConfig()),
      visibility: {} as any,
      gate: {} as any,
      requestsInFlight: requests,
    });
    const app = express().use('/api/slo', router);

    await request(app).get('/api/slo/health');
    await request(app).post('/api/slo/v1/sli').send({ points: [] });
    await request(app).post('/api/slo/v1/validate').send({});

    expect(decisions).toEqual([
      'GET /health: true',
      'POST /v1/sli: false',
      'POST /v1/validate: true',
    ]);
    expect(requests.busy).toBe(false);
  });
});
