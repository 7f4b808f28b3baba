import type { PrometheusInstance } from '../config/readPrometheusConfig';
import type { PromSeries } from '../queries/minuteIncreases';
import { QueryLimiter } from './QueryLimiter';

/** What Prometheus' HTTP API answers (`/api/v1/query_range`). */
interface QueryRangeResponse {
  status: 'success' | 'error';
  errorType?: string;
  error?: string;
  data?: { resultType: string; result: PromSeries[] };
}

/**
 * Range queries against one Prometheus instance over its HTTP API, with the
 * instance's headers, timeout and cap on concurrent queries. Every failure
 * (unreachable, timeout, HTTP error, query error) throws an Error whose
 * message names the instance and says what went wrong.
 */
export class PrometheusClient {
  private readonly limiter: QueryLimiter;

  constructor(private readonly instance: PrometheusInstance) {
    this.limiter = new QueryLimiter(instance.maxConcurrentQueries);
  }

  /**
   * Evaluates `query` at every `stepSeconds` from `start` to `end` (unix
   * seconds, both inclusive); returns the matrix' series.
   */
  async queryRange(
    query: string,
    start: number,
    end: number,
    stepSeconds: number,
  ): Promise<PromSeries[]> {
    const { baseUrl, headers, timeoutSeconds, name } = this.instance;
    const body = new URLSearchParams({
      query,
      start: String(start),
      end: String(end),
      step: String(stepSeconds),
      timeout: `${timeoutSeconds}s`,
    });
    return this.limiter.run(async () => {
      let response: Response;
      try {
        response = await fetch(new URL('api/v1/query_range', baseUrl), {
          method: 'POST',
          headers: {
            ...headers,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body,
          signal: AbortSignal.timeout(timeoutSeconds * 1000),
        });
      } catch (error) {
        const cause = error as Error & { cause?: { code?: string } };
        const reason =
          cause.name === 'TimeoutError'
            ? `no answer within ${timeoutSeconds} s`
            : cause.cause?.code ?? cause.message;
        throw new Error(`Prometheus ${name} unreachable: ${reason}`);
      }
      const text = await response.text();
      let parsed: QueryRangeResponse | undefined;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      if (!response.ok || parsed?.status !== 'success') {
        const detail = parsed?.error
          ? `${parsed.errorType ?? 'error'}: ${parsed.error}`
          : text.slice(0, 200);
        throw new Error(
          `Prometheus ${name} answered ${response.status} to ${JSON.stringify(
            query,
          )}: ${detail}`,
        );
      }
      if (parsed.data?.resultType !== 'matrix') {
        throw new Error(
          `Prometheus ${name} answered a ${
            parsed.data?.resultType
          } to ${JSON.stringify(
            query,
          )}; the query must select series (a range query gives a matrix)`,
        );
      }
      return parsed.data.result;
    });
  }
}
