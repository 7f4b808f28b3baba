import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import type { RegisterSlosResponse } from '@slo-kit/plugin-slo-common';
import { DefaultSloService, SloService, sloServiceRef } from './sloService';

interface RecordedRequest {
  method?: string;
  url?: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Responder = (req: RecordedRequest, res: ServerResponse) => void;

/** A real HTTP server standing in for the remote SLO backend. */
async function startFakeSloBackend(respond: Responder) {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      respond(recorded, res);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api/slo`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) =>
        server.close(err => (err ? reject(err) : resolve())),
      ),
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

const openslo = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-availability
`;

describe('DefaultSloService', () => {
  let fake: Awaited<ReturnType<typeof startFakeSloBackend>> | undefined;

  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  function createService(baseUrl: string): SloService {
    return DefaultSloService.create({
      discovery: mockServices.discovery.mock({
        getBaseUrl: async () => baseUrl,
      }),
      auth: mockServices.auth({ pluginId: 'scaffolder' }),
    });
  }

  it('posts the request to the slo backend on behalf of the given user', async () => {
    fake = await startFakeSloBackend((req, res) => {
      const body = JSON.parse(req.body);
      sendJson(res, 201, {
        entityRef: body.entityRef,
        slos: [
          {
            id: `${body.entityRef}#checkout-availability`,
            name: 'checkout-availability',
          },
        ],
        ingestionEndpoint: 'http://localhost:7007/api/slo/v1/sli',
      } satisfies RegisterSlosResponse);
    });
    const service = createService(fake.baseUrl);

    const result = await service.registerSlos(
      { entityRef: 'component:default/checkout', openslo, file: 'slos.yaml' },
      { credentials: mockCredentials.user('user:default/jane') },
    );

    expect(result).toEqual({
      entityRef: 'component:default/checkout',
      slos: [
        {
          id: 'component:default/checkout#checkout-availability',
          name: 'checkout-availability',
        },
      ],
      ingestionEndpoint: 'http://localhost:7007/api/slo/v1/sli',
    });
    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/api/slo/v1/slos');
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({
      entityRef: 'component:default/checkout',
      openslo,
      file: 'slos.yaml',
    });
    // The token is issued for the slo plugin, on behalf of the user.
    expect(request.headers.authorization).toBe(
      mockCredentials.service.header({
        onBehalfOf: mockCredentials.user('user:default/jane'),
        targetPluginId: 'slo',
      }),
    );
  });

  it('throws a ResponseError carrying the backend error on a 4xx answer', async () => {
    fake = await startFakeSloBackend((_req, res) =>
      sendJson(res, 400, {
        error: {
          name: 'InputError',
          message:
            'slos.yaml: document 0 (checkout): spec.objectives: required',
        },
        request: { method: 'POST', url: '/api/slo/v1/slos' },
        response: { statusCode: 400 },
      }),
    );
    const service = createService(fake.baseUrl);

    const call = service.registerSlos(
      { entityRef: 'component:default/checkout', openslo },
      { credentials: mockCredentials.user() },
    );

    await expect(call).rejects.toBeInstanceOf(ResponseError);
    await expect(call).rejects.toMatchObject({
      statusCode: 400,
      cause: {
        name: 'InputError',
        message: expect.stringContaining('spec.objectives: required'),
      },
    });
  });

  it('throws a ResponseError on a 403 answer', async () => {
    fake = await startFakeSloBackend((_req, res) =>
      sendJson(res, 403, {
        error: { name: 'NotAllowedError', message: 'not allowed' },
        request: { method: 'POST', url: '/api/slo/v1/slos' },
        response: { statusCode: 403 },
      }),
    );
    const service = createService(fake.baseUrl);

    await expect(
      service.registerSlos(
        { entityRef: 'component:default/checkout', openslo },
        { credentials: mockCredentials.user() },
      ),
    ).rejects.toMatchObject({ name: 'ResponseError', statusCode: 403 });
  });
});

describe('sloServiceRef', () => {
  it('has a default factory that other plugins can depend on', async () => {
    const fake = await startFakeSloBackend((req, res) =>
      sendJson(res, 200, {
        entityRef: JSON.parse(req.body).entityRef,
        slos: [],
        ingestionEndpoint: 'http://localhost:7007/api/slo/v1/sli',
      }),
    );
    let received: RegisterSlosResponse | undefined;
    const consumer = createBackendPlugin({
      pluginId: 'consumer',
      register(reg) {
        reg.registerInit({
          deps: { slo: sloServiceRef, auth: coreServices.auth },
          async init({ slo, auth }) {
            received = await slo.registerSlos(
              { entityRef: 'component:default/checkout', openslo },
              { credentials: await auth.getOwnServiceCredentials() },
            );
          },
        });
      },
    });

    try {
      const backend = await startTestBackend({
        features: [
          consumer,
          mockServices.discovery.mock({
            getBaseUrl: async () => fake.baseUrl,
          }).factory,
        ],
      });
      await backend.stop();
    } finally {
      await fake.close();
    }

    expect(received?.entityRef).toBe('component:default/checkout');
    expect(fake.requests.map(r => r.url)).toEqual(['/api/slo/v1/slos']);
  });
});
