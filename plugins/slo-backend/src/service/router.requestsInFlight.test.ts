import express from 'express';
import request from 'supertest';
import { routerOptionsWithoutHandlers } from '../__testUtils__/routerOptions';
import { RequestsInFlight } from '../RequestsInFlight';
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
    const router = await createRouter(
      routerOptionsWithoutHandlers({ requestsInFlight: requests }),
    );
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
