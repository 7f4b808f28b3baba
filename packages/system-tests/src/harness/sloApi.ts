/** The demo's external-access token (app-config.yaml), allowed to write SLI data for `default`. */
export const DEMO_TOKEN =
  process.env.SLO_KIT_DEMO_TOKEN ?? 'slo-kit-demo-token-change-me';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;

/** One point of `POST /api/slo/v1/sli`. */
export interface SliPoint {
  slo: string;
  /** Epoch ms of the minute. */
  minute: number;
  good: number;
  total: number;
}

/** How a request ended: an HTTP status, or a network error (status 0). */
export interface ApiResult {
  status: number;
  body: any;
  /** Set when no HTTP answer came (connection refused or cut). */
  networkError?: string;
  startedAt: number;
  endedAt: number;
}

async function call(
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<ApiResult> {
  const startedAt = Date.now();
  try {
    const res = await fetch(url, {
      ...init,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let body: any = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: kept as text
    }
    return { status: res.status, body, startedAt, endedAt: Date.now() };
  } catch (error) {
    const cause = (error as any)?.cause?.code ?? (error as Error).message;
    return {
      status: 0,
      body: undefined,
      networkError: String(cause),
      startedAt,
      endedAt: Date.now(),
    };
  }
}

/** Sends one batch to `POST /api/slo/v1/sli` of the backend at `baseUrl`. */
export function postSli(
  baseUrl: string,
  points: SliPoint[],
  timeoutMs = 60_000,
): Promise<ApiResult> {
  return call(
    `${baseUrl}/api/slo/v1/sli`,
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${DEMO_TOKEN}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({
        points: points.map(p => ({
          slo: p.slo,
          timestamp: new Date(p.minute).toISOString(),
          good: p.good,
          total: p.total,
        })),
      }),
    },
    timeoutMs,
  );
}

/** `GET /api/slo<path>` with the demo token. */
export function getSlo(
  baseUrl: string,
  path: string,
  timeoutMs = 30_000,
): Promise<ApiResult> {
  return call(
    `${baseUrl}/api/slo${path}`,
    { headers: { authorization: `Bearer ${DEMO_TOKEN}` } },
    timeoutMs,
  );
}

/** Every page of `GET /api/slo/v1/slos` (the portfolio), items only. */
export async function readPortfolio(baseUrl: string): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | undefined;
  for (;;) {
    const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
    const res = await getSlo(baseUrl, `/v1/slos${query}`);
    if (res.status !== 200) {
      throw new Error(
        `GET /v1/slos on ${baseUrl}: ${res.status} ${JSON.stringify(
          res.body ?? res.networkError,
        )}`,
      );
    }
    items.push(...res.body.items);
    cursor = res.body.nextCursor ?? undefined;
    if (!cursor) return items;
  }
}

/** The current minute, floored. */
export function currentMinute(now = Date.now()): number {
  return Math.floor(now / MINUTE_MS) * MINUTE_MS;
}
