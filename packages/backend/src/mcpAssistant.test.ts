import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import sloPlugin from '@slo-kit/plugin-slo-backend';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import {
  REPO_ROOT,
  demoAccessToken,
  demoAppConfig,
} from './__testUtils__/demoAppConfig';

jest.setTimeout(120_000);

const ENTITY = 'component:default/checkout-api';
const EXAMPLES = path.join(REPO_ROOT, 'examples');
const TRANSCRIPT = path.join(REPO_ROOT, '.local', 'mcp-transcript.md');

const assistant = demoAccessToken('slo-kit-assistant');
const feeder = demoAccessToken('slo-kit-demo-feeder');
/** A token that may call the MCP backend but not SLO Kit: the narrower choice that does not work. */
const MCP_ONLY_TOKEN = 'mcp-only-token-of-this-test';

/** One HTTP exchange of the MCP client, as the transcript shows it. */
interface Exchange {
  request: {
    method: string;
    url: string;
    headers: Record<string, string>;
    body: unknown;
  };
  response: { status: number; contentType: string | null; body: unknown };
}

/** JSON-RPC messages of a response body: plain JSON, or the data of server-sent events. */
function messagesOf(text: string, contentType: string | null): unknown {
  if (text === '') return null;
  if (contentType?.startsWith('text/event-stream')) {
    return text
      .split('\n')
      .filter(line => line.startsWith('data:'))
      .map(line => JSON.parse(line.slice('data:'.length)));
  }
  return JSON.parse(text);
}

/** A fetch that keeps every exchange, the token left out. */
function recordingFetch(exchanges: Exchange[]): typeof fetch {
  return async (input: any, init?: RequestInit) => {
    const response = await fetch(input, init);
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    if (headers.authorization) {
      headers.authorization = 'Bearer <SLO_KIT_ASSISTANT_TOKEN>';
    }
    const contentType = response.headers.get('content-type');
    exchanges.push({
      request: {
        method: init?.method ?? 'GET',
        url: new URL(String(input)).pathname,
        headers,
        body: typeof init?.body === 'string' ? JSON.parse(init.body) : null,
      },
      response: {
        status: response.status,
        contentType,
        body: messagesOf(await response.clone().text(), contentType),
      },
    });
    return response;
  };
}

function writeTranscript(exchanges: Exchange[]) {
  const sections = exchanges.map((exchange, i) =>
    [
      `## ${i + 1}. ${exchange.request.method} ${exchange.request.url} → ${
        exchange.response.status
      }`,
      '',
      'Request headers and body:',
      '',
      '```json',
      JSON.stringify(
        { headers: exchange.request.headers, body: exchange.request.body },
        null,
        2,
      ),
      '```',
      '',
      `Response (${
        exchange.response.contentType ??
        (exchange.response.body === null ? 'no body' : 'no content type')
      }):`,
      '',
      '```json',
      JSON.stringify(exchange.response.body, null, 2),
      '```',
      '',
    ].join('\n'),
  );
  fs.mkdirSync(path.dirname(TRANSCRIPT), { recursive: true });
  fs.writeFileSync(
    TRANSCRIPT,
    [
      '# MCP transcript: an assistant asks SLO Kit whether checkout-api may ship',
      '',
      `Recorded by packages/backend/src/mcpAssistant.test.ts on ${new Date().toISOString()}:`,
      "the MCP SDK's client over Streamable HTTP against /api/mcp-actions/v1, with the",
      "demo's assistant token from app-config.yaml, after checkout-api's availability",
      'budget was exhausted through the ingestion API.',
      '',
      ...sections,
    ].join('\n'),
  );
}

describe('assistants over MCP, with the demo configuration', () => {
  let server: any;
  let mcpUrl: URL;

  beforeAll(async () => {
    const demo = demoAppConfig();
    const externalAccess = [
      ...demo.backend.auth.externalAccess,
      {
        type: 'static',
        options: { token: MCP_ONLY_TOKEN, subject: 'mcp-only' },
        accessRestrictions: [{ plugin: 'mcp-actions' }],
      },
    ];
    ({ server } = await startTestBackend({
      features: [
        catalogPlugin,
        sloPlugin,
        mcpActionsPlugin,
        // Backstage's own token handling, not the mocks: these enforce each
        // token's access restrictions, also when the MCP backend calls SLO
        // Kit on the token's behalf.
        authServiceFactory,
        httpAuthServiceFactory,
        schedulerServiceFactory,
        mockServices.rootConfig.factory({
          data: {
            backend: {
              baseUrl: 'http://localhost:7007',
              auth: { externalAccess },
              actions: demo.backend.actions,
            },
            mcpActions: demo.mcpActions,
            // The demo organisation, read from examples/ as the portal reads it.
            catalog: {
              rules: demo.catalog.rules,
              locations: [
                { type: 'file', target: path.join(EXAMPLES, 'catalog.yaml') },
              ],
            },
            slo: {
              ...demo.slo,
              definitions: { localRoots: [EXAMPLES] },
              scaffolder: undefined,
              schedules: {
                catalogSync: {
                  frequency: { seconds: 1 },
                  timeout: { seconds: 30 },
                },
                evaluation: {
                  frequency: { seconds: 1 },
                  timeout: { seconds: 30 },
                },
              },
            },
          },
        }),
      ],
    }));
    mcpUrl = new URL(`http://localhost:${server.port()}/api/mcp-actions/v1`);

    // checkout-api reaches SLO Kit through the catalog sync...
    const feederAuth = `Bearer ${feeder.token}`;
    await waitFor('checkout-api to have its SLOs', async () => {
      const res = await request(server)
        .get('/api/slo/v1/entities/component/default/checkout-api')
        .set('Authorization', feederAuth);
      return res.status === 200 && res.body.slos.length === 2;
    });
    // ...then the feeder sends an hour in which 1 % of requests failed, ten
    // times what a 99.9 % objective allows.
    const now = Math.floor(Date.now() / 60_000) * 60_000;
    const points = [];
    for (let minute = 60; minute >= 1; minute--) {
      const timestamp = new Date(now - minute * 60_000).toISOString();
      points.push(
        { slo: `${ENTITY}#availability`, timestamp, good: 990, total: 1000 },
        { slo: `${ENTITY}#latency`, timestamp, good: 1000, total: 1000 },
      );
    }
    const ingest = await request(server)
      .post('/api/slo/v1/sli')
      .set('Authorization', feederAuth)
      .send({ points });
    if (ingest.status !== 200) {
      throw new Error(
        `Ingestion failed: ${ingest.status} ${JSON.stringify(ingest.body)}`,
      );
    }
    await waitFor('the evaluation to exhaust the budget', async () => {
      const res = await request(server)
        .get('/api/slo/v1/gate/component/default/checkout-api')
        .set('Authorization', feederAuth);
      return res.body.reasons?.some((r: any) => r.rule === 'budgetExhausted');
    });
  });

  async function connect(token: string, exchanges: Exchange[] = []) {
    const client = new Client({
      name: 'slo-kit-test-assistant',
      version: '1.0.0',
    });
    await client.connect(
      new StreamableHTTPClientTransport(mcpUrl, {
        requestInit: { headers: { Authorization: `Bearer ${token}` } },
        fetch: recordingFetch(exchanges),
      }),
    );
    return client;
  }

  it('lists the SLO Kit tools and answers check-release for checkout-api: block', async () => {
    const exchanges: Exchange[] = [];
    const client = await connect(assistant.token, exchanges);
    try {
      const { tools } = await client.listTools();
      expect(tools.map(t => t.name)).toEqual(
        expect.arrayContaining([
          'slo.get-slo-status',
          'slo.check-release',
          'slo.list-budgets-at-risk',
        ]),
      );
      const checkRelease = tools.find(t => t.name === 'slo.check-release')!;
      expect(checkRelease.annotations).toMatchObject({
        readOnlyHint: true,
        destructiveHint: false,
        idempotentHint: true,
      });
      expect(checkRelease.inputSchema.required).toEqual(['entityRef']);

      const result: any = await client.callTool({
        name: 'slo.check-release',
        arguments: { entityRef: ENTITY },
      });
      expect(result.isError).toBeFalsy();
      const decision = result.structuredContent;
      expect(decision).toMatchObject({
        entityRef: ENTITY,
        decision: 'block',
        enforced: 'block',
        policy: { name: 'default', mode: 'enforce' },
        decidedBy: 'group:default/sre',
      });
      expect(decision.reasons).toContainEqual(
        expect.objectContaining({
          rule: 'budgetExhausted',
          outcome: 'block',
          sloId: `${ENTITY}#availability`,
          numbers: expect.objectContaining({
            remaining: expect.closeTo(-9, 5),
          }),
        }),
      );
      // The text an assistant reads is the same answer.
      expect(JSON.parse(result.content[0].text)).toEqual(decision);

      const atRisk: any = await client.callTool({
        name: 'slo.list-budgets-at-risk',
        arguments: { owners: ['group:default/payments'] },
      });
      expect(atRisk.structuredContent.services).toContainEqual(
        expect.objectContaining({ entityRef: ENTITY, decision: 'block' }),
      );
    } finally {
      await client.close();
      writeTranscript(exchanges);
    }
    // Nothing was recorded: the gate's audit trail of checkout-api is empty.
    const trail = await request(server)
      .get('/api/slo/v1/gate/evaluations')
      .query({ entityRef: ENTITY })
      .set('Authorization', `Bearer ${feeder.token}`);
    expect(trail.body.items).toEqual([]);
  });

  it('answers a tool error naming the reason for an unknown entity or bad input', async () => {
    const client = await connect(assistant.token);
    try {
      const unknown: any = await client.callTool({
        name: 'slo.check-release',
        arguments: { entityRef: 'component:default/no-such-service' },
      });
      expect(unknown.isError).toBe(true);
      expect(unknown.content[0].text).toBe(
        'NotFoundError: No entity component:default/no-such-service with SLOs found',
      );
      const unnamed: any = await client.callTool({
        name: 'slo.list-budgets-at-risk',
        arguments: {},
      });
      expect(unnamed.isError).toBe(true);
      expect(unnamed.content[0].text).toMatch(
        /^InputError: owners: required when the caller is a service or an access token/,
      );
    } finally {
      await client.close();
    }
  });

  it("needs the token's access to the slo plugin, and gives no access to the catalog", async () => {
    // The MCP backend forwards calls on the token's behalf: without the slo
    // plugin in its access restrictions, SLO Kit's tools are not there.
    const mcpOnly = await connect(MCP_ONLY_TOKEN);
    try {
      const { tools } = await mcpOnly.listTools();
      expect(tools.filter(t => t.name.startsWith('slo.'))).toEqual([]);
    } finally {
      await mcpOnly.close();
    }
    const catalog = await request(server)
      .get('/api/catalog/entities/by-name/component/default/checkout-api')
      .set('Authorization', `Bearer ${assistant.token}`);
    expect(catalog.status).toBe(403);
    // And the feeder's token, restricted to slo, may not use the MCP endpoint.
    const feederOverMcp = await request(server)
      .post('/api/mcp-actions/v1')
      .set('Authorization', `Bearer ${feeder.token}`)
      .set('Accept', 'application/json, text/event-stream')
      .send({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} });
    expect(feederOverMcp.status).toBe(403);
  });
});

async function waitFor(what: string, check: () => Promise<boolean>) {
  const deadline = Date.now() + 60_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 500));
  }
}
