import { ResponseError } from '@backstage/errors';
import type {
  EntitySlosResponse,
  IngestResponse,
  PortfolioResponse,
  PortfolioSortField,
  RegisterSlosRequest,
  RegisterSlosResponse,
  SliPoint,
  SloHistoryResponse,
} from './types';
import type { SloStatusValue } from '../engine/types';

/** Identifies a catalog entity by its three ref parts. */
export interface SloEntityName {
  kind: string;
  namespace: string;
  name: string;
}

/** Query of GET /v1/slos. */
export interface PortfolioQuery {
  /** Entity refs of owners; an SLO matches when its service or SRE owner is one of them. */
  owner?: string[];
  status?: SloStatusValue[];
  limit?: number;
  cursor?: string;
  /** Order of the whole result set; sent only when given. */
  sort?: PortfolioSortField;
  order?: 'asc' | 'desc';
}

/** Query of GET /v1/slos/{id}/history. */
export interface SloHistoryQuery {
  /** ISO 8601 start; defaults to the start of the SLO's window on the server. */
  from?: string;
  /** ISO 8601 end; defaults to now on the server. */
  to?: string;
  /** Maximum number of points to return. */
  points?: number;
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

/** What {@link SloClient} needs: where the backend lives and how to call it. */
export interface SloClientOptions {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  fetchApi: { fetch: typeof fetch };
}

/** Default {@link SloApi} over HTTP; throws `ResponseError` on any non-2xx answer. */
export class SloClient implements SloApi {
  private readonly discoveryApi: SloClientOptions['discoveryApi'];
  private readonly fetchApi: SloClientOptions['fetchApi'];

  constructor(options: SloClientOptions) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getEntitySlos(
    entity: SloEntityName,
    options?: SloRequestOptions,
  ): Promise<EntitySlosResponse> {
    const path = ['v1', 'entities', entity.kind, entity.namespace, entity.name]
      .map(encodeURIComponent)
      .join('/');
    return this.request('GET', path, undefined, undefined, options);
  }

  async getPortfolio(
    query: PortfolioQuery = {},
    options?: SloRequestOptions,
  ): Promise<PortfolioResponse> {
    const params = new URLSearchParams();
    for (const owner of query.owner ?? []) params.append('owner', owner);
    for (const status of query.status ?? []) params.append('status', status);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    if (query.cursor !== undefined) params.set('cursor', query.cursor);
    if (query.sort !== undefined) params.set('sort', query.sort);
    if (query.order !== undefined) params.set('order', query.order);
    return this.request('GET', 'v1/slos', params, undefined, options);
  }

  async getSloHistory(
    id: string,
    query: SloHistoryQuery = {},
    options?: SloRequestOptions,
  ): Promise<SloHistoryResponse> {
    const params = new URLSearchParams();
    if (query.from !== undefined) params.set('from', query.from);
    if (query.to !== undefined) params.set('to', query.to);
    if (query.points !== undefined) params.set('points', String(query.points));
    return this.request(
      'GET',
      `v1/slos/${encodeURIComponent(id)}/history`,
      params,
      undefined,
      options,
    );
  }

  async registerSlos(
    request: RegisterSlosRequest,
    options?: SloRequestOptions,
  ): Promise<RegisterSlosResponse> {
    return this.request('POST', 'v1/slos', undefined, request, options);
  }

  async ingestSli(
    points: SliPoint[],
    options?: SloRequestOptions,
  ): Promise<IngestResponse> {
    return this.request('POST', 'v1/sli', undefined, { points }, options);
  }

  private async request<T>(
    method: 'GET' | 'POST',
    path: string,
    params: URLSearchParams | undefined,
    body: unknown,
    options: SloRequestOptions | undefined,
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('slo');
    const query = params && params.toString() ? `?${params}` : '';
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (options?.token) headers.Authorization = `Bearer ${options.token}`;

    const response = await this.fetchApi.fetch(`${baseUrl}/${path}${query}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
