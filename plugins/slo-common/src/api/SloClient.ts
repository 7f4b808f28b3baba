import { ResponseError } from '@backstage/errors';
import createClient, { type Middleware } from 'openapi-fetch';
import type { SloApiPaths } from './types';
import type {
  EntitySlosResponse,
  EventRequest,
  EventResponse,
  GateDecision,
  GateEvaluation,
  GateEvaluationList,
  GateEvaluationRequest,
  GateOverride,
  GateOverrideList,
  GateOverrideRequest,
  GateOverrideRevokeRequest,
  IngestResponse,
  PortfolioQuery,
  PortfolioResponse,
  RegisterSlosRequest,
  RegisterSlosResponse,
  SliPoint,
  SloHistoryQuery,
  SloHistoryResponse,
  ValidateSlosRequest,
  ValidateSlosResponse,
} from './types';

/** Identifies a catalog entity by its three ref parts. */
export interface SloEntityName {
  kind: string;
  namespace: string;
  name: string;
}

/** Options that apply to every call, e.g. a token for calls made outside a browser. */
export interface SloRequestOptions {
  token?: string;
}

/** Typed access to the SLO Kit REST API (`/api/slo/v1`). */
export interface SloApi {
  getEntitySlos(
    entity: SloEntityName,
    options?: SloRequestOptions,
  ): Promise<EntitySlosResponse>;
  getPortfolio(
    query?: PortfolioQuery,
    options?: SloRequestOptions,
  ): Promise<PortfolioResponse>;
  getSloHistory(
    id: string,
    query?: SloHistoryQuery,
    options?: SloRequestOptions,
  ): Promise<SloHistoryResponse>;
  registerSlos(
    request: RegisterSlosRequest,
    options?: SloRequestOptions,
  ): Promise<RegisterSlosResponse>;
  ingestSli(
    points: SliPoint[],
    options?: SloRequestOptions,
  ): Promise<IngestResponse>;
}

/**
 * Typed access to the release gate and events of the SLO Kit REST API
 * (`/api/slo/v1/gate`, `/api/slo/v1/events`); {@link SloClient} implements it.
 */
export interface SloGateApi {
  /** The release gate's current decision for an entity (not recorded). */
  getGateDecision(
    entity: SloEntityName,
    options?: SloRequestOptions,
  ): Promise<GateDecision>;
  /** Evaluates the release gate and records the evaluation (unless `record: false`). */
  evaluateGate(
    request: GateEvaluationRequest,
    options?: SloRequestOptions,
  ): Promise<GateEvaluation>;
  /** Recorded gate evaluations of an entity, newest first. */
  listGateEvaluations(
    query: { entityRef: string; limit?: number },
    options?: SloRequestOptions,
  ): Promise<GateEvaluationList>;
  /** Records a deploy, incident or note of an entity. */
  recordEvent(
    event: EventRequest,
    options?: SloRequestOptions,
  ): Promise<EventResponse>;
  /**
   * Lets an entity's releases through the gate until `expiresAt`, with a
   * reason (users the permission policy grants `slo.gate.override` only).
   */
  grantGateOverride(
    request: GateOverrideRequest,
    options?: SloRequestOptions,
  ): Promise<GateOverride>;
  /** Ends an active override early, with a reason. */
  revokeGateOverride(
    id: string,
    request: GateOverrideRevokeRequest,
    options?: SloRequestOptions,
  ): Promise<GateOverride>;
  /** The overrides of an entity, active and past, newest grant first. */
  listGateOverrides(
    entityRef: string,
    options?: SloRequestOptions,
  ): Promise<GateOverrideList>;
}

/**
 * Checks OpenSLO files without registering them (`/api/slo/v1/validate`);
 * {@link SloClient} implements it.
 */
export interface SloValidationApi {
  /** Whether SLO Kit would register the file, with every located problem. */
  validateSlos(
    request: ValidateSlosRequest,
    options?: SloRequestOptions,
  ): Promise<ValidateSlosResponse>;
}

/** What {@link SloClient} needs: where the backend lives and how to call it. */
export interface SloClientOptions {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  fetchApi: { fetch: typeof fetch };
}

/** Turns every non-2xx answer into a `ResponseError` carrying the backend's error body. */
const throwOnErrorResponse: Middleware = {
  async onResponse({ response }) {
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return undefined;
  },
};

/**
 * Default {@link SloApi} over HTTP. Paths, parameters and bodies are typed by
 * the OpenAPI spec through `openapi-fetch`; throws `ResponseError` on any
 * non-2xx answer.
 */
export class SloClient implements SloApi, SloGateApi, SloValidationApi {
  private readonly discoveryApi: SloClientOptions['discoveryApi'];
  private readonly http;

  constructor(options: SloClientOptions) {
    this.discoveryApi = options.discoveryApi;
    this.http = createClient<SloApiPaths>({
      // Handed on as URL and init, not as the Request: Backstage's frontend
      // fetch middlewares build a new Request from their input, which would
      // leave a Request with a body already used.
      fetch: async request =>
        options.fetchApi.fetch(request.url, {
          method: request.method,
          headers: request.headers,
          body:
            request.method === 'GET' || request.method === 'HEAD'
              ? undefined
              : await request.text(),
          signal: request.signal,
        }),
    });
    this.http.use(throwOnErrorResponse);
  }

  async getEntitySlos(
    entity: SloEntityName,
    options?: SloRequestOptions,
  ): Promise<EntitySlosResponse> {
    const { data } = await this.http.request(
      'get',
      '/v1/entities/{kind}/{namespace}/{name}',
      { ...(await this.init(options)), params: { path: entity } },
    );
    return data as EntitySlosResponse;
  }

  async getPortfolio(
    query: PortfolioQuery = {},
    options?: SloRequestOptions,
  ): Promise<PortfolioResponse> {
    const { data } = await this.http.request('get', '/v1/slos', {
      ...(await this.init(options)),
      params: { query },
    });
    return data!;
  }

  async getSloHistory(
    id: string,
    query: SloHistoryQuery = {},
    options?: SloRequestOptions,
  ): Promise<SloHistoryResponse> {
    const { data } = await this.http.request('get', '/v1/slos/{id}/history', {
      ...(await this.init(options)),
      params: { path: { id }, query },
    });
    return data!;
  }

  async registerSlos(
    request: RegisterSlosRequest,
    options?: SloRequestOptions,
  ): Promise<RegisterSlosResponse> {
    const { data } = await this.http.request('post', '/v1/slos', {
      ...(await this.init(options)),
      body: request,
    });
    return data!;
  }

  async validateSlos(
    request: ValidateSlosRequest,
    options?: SloRequestOptions,
  ): Promise<ValidateSlosResponse> {
    const { data } = await this.http.request('post', '/v1/validate', {
      ...(await this.init(options)),
      body: request,
    });
    return data!;
  }

  async ingestSli(
    points: SliPoint[],
    options?: SloRequestOptions,
  ): Promise<IngestResponse> {
    const { data } = await this.http.request('post', '/v1/sli', {
      ...(await this.init(options)),
      body: { points },
    });
    return data!;
  }

  async getGateDecision(
    entity: SloEntityName,
    options?: SloRequestOptions,
  ): Promise<GateDecision> {
    const { data } = await this.http.request(
      'get',
      '/v1/gate/{kind}/{namespace}/{name}',
      { ...(await this.init(options)), params: { path: entity } },
    );
    return data!;
  }

  async evaluateGate(
    request: GateEvaluationRequest,
    options?: SloRequestOptions,
  ): Promise<GateEvaluation> {
    const { data } = await this.http.request('post', '/v1/gate/evaluations', {
      ...(await this.init(options)),
      body: request,
    });
    return data!;
  }

  async listGateEvaluations(
    query: { entityRef: string; limit?: number },
    options?: SloRequestOptions,
  ): Promise<GateEvaluationList> {
    const { data } = await this.http.request('get', '/v1/gate/evaluations', {
      ...(await this.init(options)),
      params: { query },
    });
    return data!;
  }

  async recordEvent(
    event: EventRequest,
    options?: SloRequestOptions,
  ): Promise<EventResponse> {
    const { data } = await this.http.request('post', '/v1/events', {
      ...(await this.init(options)),
      body: event,
    });
    return data!;
  }

  async grantGateOverride(
    request: GateOverrideRequest,
    options?: SloRequestOptions,
  ): Promise<GateOverride> {
    const { data } = await this.http.request('post', '/v1/gate/overrides', {
      ...(await this.init(options)),
      body: request,
    });
    return data!;
  }

  async revokeGateOverride(
    id: string,
    request: GateOverrideRevokeRequest,
    options?: SloRequestOptions,
  ): Promise<GateOverride> {
    const { data } = await this.http.request(
      'delete',
      '/v1/gate/overrides/{id}',
      {
        ...(await this.init(options)),
        params: { path: { id } },
        body: request,
      },
    );
    return data!;
  }

  async listGateOverrides(
    entityRef: string,
    options?: SloRequestOptions,
  ): Promise<GateOverrideList> {
    const { data } = await this.http.request('get', '/v1/gate/overrides', {
      ...(await this.init(options)),
      params: { query: { entityRef } },
    });
    return data!;
  }

  /** Where to send the call and the token to send, if any. */
  private async init(options: SloRequestOptions | undefined) {
    return {
      baseUrl: await this.discoveryApi.getBaseUrl('slo'),
      headers: options?.token
        ? { Authorization: `Bearer ${options.token}` }
        : undefined,
    };
  }
}
