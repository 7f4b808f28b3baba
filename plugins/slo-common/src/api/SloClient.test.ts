import { ResponseError } from '@backstage/errors';
import { SloClient } from './SloClient';
import type {
  EntitySlosResponse,
  GateOverride,
  PortfolioResponse,
  ValidateSlosResponse,
} from './types';

const baseUrl = 'http://backstage.test/api/slo';

function createClient(response: Response) {
  const calls: Array<{
    url: string;
    method: string;
    headers: Headers;
    body: string;
  }> = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    calls.push({
      url: request.url,
      method: request.method,
      headers: request.headers,
      body: await request.text(),
    });
    // A copy per call, so one client can answer several calls.
    return response.clone();
  }) as typeof fetch;
  const client = new SloClient({
    discoveryApi: {
      getBaseUrl: async pluginId => `http://backstage.test/api/${pluginId}`,
    },
    fetchApi: { fetch: fetchImpl },
  });
  return { client, calls };
}

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

describe('SloClient', () => {
  it('reads an entity and encodes every ref part', async () => {
    const body: EntitySlosResponse = {
      entityRef: 'component:default/checkout-api',
      ownership: {
        serviceOwner: 'group:default/payments',
        sreOwner: null,
        platformOwner: null,
        platformOwnerSource: null,
        findings: [],
      },
      slos: [],
      syncErrors: [],
    };
    const { client, calls } = createClient(jsonResponse(body));

    const result = await client.getEntitySlos({
      kind: 'Component',
      namespace: 'default',
      name: 'checkout api',
    });

    expect(result.entityRef).toBe('component:default/checkout-api');
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe(
      `${baseUrl}/v1/entities/Component/default/checkout%20api`,
    );
    expect(calls[0].method).toBe('GET');
  });

  it('repeats owner and status parameters for the portfolio', async () => {
    const body: PortfolioResponse = { items: [], totalCount: 0 };
    const { client, calls } = createClient(jsonResponse(body));

    await client.getPortfolio({
      owner: ['group:default/payments', 'group:default/sre'],
      status: ['critical'],
      limit: 50,
      cursor: 'abc',
      sort: 'budgetRemaining',
      order: 'asc',
    });

    const url = new URL(calls[0].url);
    expect(url.pathname).toBe('/api/slo/v1/slos');
    expect(url.searchParams.getAll('owner')).toEqual([
      'group:default/payments',
      'group:default/sre',
    ]);
    expect(url.searchParams.getAll('status')).toEqual(['critical']);
    expect(url.searchParams.get('limit')).toBe('50');
    expect(url.searchParams.get('cursor')).toBe('abc');
    expect(url.searchParams.get('sort')).toBe('budgetRemaining');
    expect(url.searchParams.get('order')).toBe('asc');
  });

  it('omits the query string when the portfolio has no filters', async () => {
    const { client, calls } = createClient(
      jsonResponse({ items: [], totalCount: 0 }),
    );
    await client.getPortfolio();
    expect(calls[0].url).toBe(`${baseUrl}/v1/slos`);
  });

  it('URL-encodes the SLO id in the history path', async () => {
    const { client, calls } = createClient(
      jsonResponse({ id: 'x', from: '', to: '', points: [], events: [] }),
    );

    await client.getSloHistory('component:default/checkout-api#availability', {
      from: '2026-01-01T00:00:00.000Z',
      points: 200,
    });

    expect(calls[0].url).toBe(
      `${baseUrl}/v1/slos/component%3Adefault%2Fcheckout-api%23availability/history?from=2026-01-01T00%3A00%3A00.000Z&points=200`,
    );
  });

  it('posts SLI points as JSON with a bearer token when given', async () => {
    const { client, calls } = createClient(jsonResponse({ accepted: 1 }));

    const result = await client.ingestSli(
      [
        {
          slo: 'component:default/checkout-api#availability',
          timestamp: '2026-01-01T00:00:00.000Z',
          good: 99,
          total: 100,
        },
      ],
      { token: 'secret' },
    );

    expect(result.accepted).toBe(1);
    expect(calls[0].url).toBe(`${baseUrl}/v1/sli`);
    expect(calls[0].method).toBe('POST');
    expect(calls[0].headers.get('Authorization')).toBe('Bearer secret');
    expect(calls[0].headers.get('Content-Type')).toBe('application/json');
    expect(JSON.parse(calls[0].body).points).toHaveLength(1);
  });

  it('posts registrations to /v1/slos', async () => {
    const { client, calls } = createClient(
      jsonResponse({
        entityRef: 'component:default/a',
        slos: [],
        ingestionEndpoint: '',
      }),
    );
    await client.registerSlos({
      entityRef: 'component:default/a',
      openslo: '',
    });
    expect(calls[0].url).toBe(`${baseUrl}/v1/slos`);
    expect(JSON.parse(calls[0].body)).toEqual({
      entityRef: 'component:default/a',
      openslo: '',
    });
  });

  it('posts OpenSLO files to /v1/validate and returns the located issues', async () => {
    const verdict: ValidateSlosResponse = {
      valid: false,
      issues: [
        {
          file: 'slos.yaml',
          documentIndex: 0,
          documentName: 'api',
          path: 'spec.objectives[0].target',
          message: 'must be a fraction between 0 and 1',
          line: 12,
          column: 7,
        },
      ],
      issueCount: 1,
      slos: [],
    };
    const { client, calls } = createClient(jsonResponse(verdict));
    const result = await client.validateSlos(
      { yaml: 'apiVersion: openslo/v1\n', fileName: 'slos.yaml' },
      { token: 'ci' },
    );
    expect(result).toEqual(verdict);
    expect(calls[0].method).toBe('POST');
    expect(calls[0].url).toBe(`${baseUrl}/v1/validate`);
    expect(calls[0].headers.get('Authorization')).toBe('Bearer ci');
    expect(JSON.parse(calls[0].body)).toEqual({
      yaml: 'apiVersion: openslo/v1\n',
      fileName: 'slos.yaml',
    });
  });

  it('reads the gate decision of an entity, encoding the ref parts', async () => {
    const decision = {
      entityRef: 'component:default/checkout',
      decision: 'warn',
      enforced: 'warn',
      policy: { name: 'default', mode: 'enforce' },
      decidedBy: null,
      exemption: null,
      reasons: [],
      evaluatedAt: '2026-11-23T12:00:00.000Z',
    };
    const { client, calls } = createClient(jsonResponse(decision));
    const result = await client.getGateDecision(
      { kind: 'Component', namespace: 'default', name: 'check out' },
      { token: 't' },
    );
    expect(result).toEqual(decision);
    expect(calls[0].method).toBe('GET');
    expect(calls[0].url).toBe(
      `${baseUrl}/v1/gate/Component/default/check%20out`,
    );
    expect(calls[0].headers.get('Authorization')).toBe('Bearer t');
  });

  it('posts gate evaluations and events, and lists evaluations by entity', async () => {
    const { client, calls } = createClient(jsonResponse({ items: [] }));
    await client.evaluateGate({
      entityRef: 'component:default/checkout',
      version: '1.4.0',
      changeType: 'rollback',
    });
    await client.listGateEvaluations({
      entityRef: 'component:default/checkout',
      limit: 5,
    });
    await client.recordEvent({
      entityRef: 'component:default/checkout',
      type: 'deploy',
      at: '2026-11-23T12:00:00Z',
      title: 'Deploy 1.4.0',
    });
    expect(calls.map(c => [c.method, c.url])).toEqual([
      ['POST', `${baseUrl}/v1/gate/evaluations`],
      [
        'GET',
        `${baseUrl}/v1/gate/evaluations?entityRef=component%3Adefault%2Fcheckout&limit=5`,
      ],
      ['POST', `${baseUrl}/v1/events`],
    ]);
    expect(JSON.parse(calls[0].body)).toEqual({
      entityRef: 'component:default/checkout',
      version: '1.4.0',
      changeType: 'rollback',
    });
    expect(JSON.parse(calls[2].body)).toMatchObject({ type: 'deploy' });
  });

  const grantedOverride: GateOverride = {
    id: 'ov1',
    entityRef: 'component:default/checkout',
    environment: null,
    version: null,
    reason: 'hotfix for INC-42',
    grantedBy: 'user:default/sam.sre',
    grantedAt: '2026-11-23T12:00:00.000Z',
    expiresAt: '2026-11-30T12:00:00.000Z',
    state: 'active',
    revokedBy: null,
    revokedAt: null,
    revokeReason: null,
  };

  it('posts a gate override with the bearer token and returns the granted override', async () => {
    const { client, calls } = createClient(jsonResponse(grantedOverride, 201));
    const result = await client.grantGateOverride(
      {
        entityRef: 'component:default/checkout',
        reason: 'hotfix for INC-42',
        expiresAt: '2026-11-30T12:00:00.000Z',
        environment: 'production',
      },
      { token: 'user' },
    );
    expect(result).toEqual(grantedOverride);
    expect(calls).toHaveLength(1);
    expect(calls[0].method).toBe('POST');
    expect(calls[0].url).toBe(`${baseUrl}/v1/gate/overrides`);
    expect(calls[0].headers.get('Authorization')).toBe('Bearer user');
    expect(calls[0].headers.get('Content-Type')).toBe('application/json');
    expect(JSON.parse(calls[0].body)).toEqual({
      entityRef: 'component:default/checkout',
      reason: 'hotfix for INC-42',
      expiresAt: '2026-11-30T12:00:00.000Z',
      environment: 'production',
    });
  });

  it('posts through a fetch middleware that builds its own Request from the input, as Backstage frontends do', async () => {
    const { calls } = createClient(jsonResponse(grantedOverride, 201));
    const received: string[] = [];
    // A middleware that reads the URL from a Request it builds, then hands
    // the original input on: a Request input would arrive with its body used.
    const middleware = (async (
      input: RequestInfo | URL,
      init?: RequestInit,
    ) => {
      const inspected = new Request(input, init);
      const forwarded = new Request(input, init);
      received.push(`${inspected.method} ${inspected.url}`);
      return jsonResponse(
        {
          ...grantedOverride,
          reason: JSON.parse(await forwarded.text()).reason,
        },
        201,
      );
    }) as typeof fetch;
    const client = new SloClient({
      discoveryApi: {
        getBaseUrl: async pluginId => `http://backstage.test/api/${pluginId}`,
      },
      fetchApi: { fetch: middleware },
    });
    const result = await client.grantGateOverride({
      entityRef: 'component:default/checkout',
      reason: 'through the middleware',
      expiresAt: '2026-11-30T12:00:00.000Z',
    });
    expect(received).toEqual([`POST ${baseUrl}/v1/gate/overrides`]);
    expect(result.reason).toBe('through the middleware');
    expect(calls).toHaveLength(0);
  });

  it('revokes an override with DELETE, encoding its id and sending the reason', async () => {
    const revoked: GateOverride = {
      ...grantedOverride,
      state: 'revoked',
      revokedBy: 'user:default/sam.sre',
      revokedAt: '2026-11-24T08:00:00.000Z',
      revokeReason: 'hotfix shipped already',
    };
    const { client, calls } = createClient(jsonResponse(revoked));
    const result = await client.revokeGateOverride('ov 1', {
      reason: 'hotfix shipped already',
    });
    expect(result.state).toBe('revoked');
    expect(calls[0].method).toBe('DELETE');
    expect(calls[0].url).toBe(`${baseUrl}/v1/gate/overrides/ov%201`);
    expect(JSON.parse(calls[0].body)).toEqual({
      reason: 'hotfix shipped already',
    });
  });

  it('lists the overrides of an entity by its ref', async () => {
    const { client, calls } = createClient(
      jsonResponse({ items: [grantedOverride] }),
    );
    const result = await client.listGateOverrides('component:default/checkout');
    expect(result.items).toEqual([grantedOverride]);
    expect(calls[0].method).toBe('GET');
    const url = new URL(calls[0].url);
    expect(url.pathname).toBe('/api/slo/v1/gate/overrides');
    expect([...url.searchParams.entries()]).toEqual([
      ['entityRef', 'component:default/checkout'],
    ]);
  });

  it('throws the backend refusal of an override as a ResponseError with its message', async () => {
    const { client } = createClient(
      jsonResponse(
        {
          error: {
            name: 'NotAllowedError',
            message:
              'You may not override the release gate of component:default/checkout',
          },
          request: { method: 'POST', url: '/v1/gate/overrides' },
          response: { statusCode: 403 },
        },
        403,
      ),
    );
    const error = await client
      .grantGateOverride({
        entityRef: 'component:default/checkout',
        reason: 'hotfix for INC-42',
        expiresAt: '2026-11-30T12:00:00.000Z',
      })
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
    expect(error.cause.message).toBe(
      'You may not override the release gate of component:default/checkout',
    );
  });

  it('throws a ResponseError carrying the status on a non-2xx answer', async () => {
    const { client } = createClient(
      jsonResponse(
        {
          error: { name: 'NotFoundError', message: 'no such entity' },
          request: {
            method: 'GET',
            url: '/v1/entities/component/default/gone',
          },
          response: { statusCode: 404 },
        },
        404,
      ),
    );

    const error = await client
      .getEntitySlos({ kind: 'component', namespace: 'default', name: 'gone' })
      .catch(e => e);

    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
    expect(error.cause.message).toBe('no such entity');
  });
});
