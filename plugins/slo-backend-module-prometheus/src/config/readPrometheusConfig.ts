import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { z } from 'zod';

/** One Prometheus SLO Kit can query. */
export interface PrometheusInstance {
  name: string;
  /** Base URL ending in `/`, e.g. `http://prometheus:9090/`. */
  baseUrl: string;
  /** Sent with every query, e.g. `Authorization` from a bearer token. */
  headers: Record<string, string>;
  timeoutSeconds: number;
  maxConcurrentQueries: number;
}

/** The module's settings, read from `slo.sources.prometheus`. */
export interface PrometheusSourceConfig {
  /** In order; the first is the default for SLOs that name none. */
  instances: PrometheusInstance[];
  /** Minutes before the end of the last pull read again, so late samples land. */
  rereadMinutes: number;
  /** Longest range asked in one query, in minutes (Prometheus answers at most 11,000 points per series). */
  maxMinutesPerQuery: number;
  /** SLOs pulled at the same time. */
  concurrency: number;
}

const KEY = 'slo.sources.prometheus';

const instanceSchema = z
  .object({
    name: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9-]{0,62}$/,
        'must be lower-case letters, digits and dashes',
      ),
    baseUrl: z
      .string()
      .url('must be an http(s) URL, e.g. http://prometheus:9090')
      .refine(
        url => /^https?:$/.test(new URL(url).protocol),
        'must be an http(s) URL, e.g. http://prometheus:9090',
      ),
    headers: z.record(z.string()).optional(),
    bearerToken: z.string().min(1, 'must not be empty').optional(),
    timeoutSeconds: z.number().positive('must be positive').max(600).optional(),
    maxConcurrentQueries: z.number().int().min(1).max(64).optional(),
  })
  .strict();

const configSchema = z
  .object({
    instances: z.array(instanceSchema).optional(),
    rereadMinutes: z.number().int().min(0).max(60).optional(),
    maxMinutesPerQuery: z.number().int().min(60).max(10_000).optional(),
    concurrency: z.number().int().min(1).max(64).optional(),
    // Read by the scheduler's own reader, which names its keys.
    schedule: z.record(z.unknown()).optional(),
  })
  .strict();

/** Where a zod issue points, as a config key: `slo.sources.prometheus.instances[1].baseUrl`. */
function keyOf(path: Array<string | number>): string {
  return path.reduce<string>(
    (key, part) =>
      typeof part === 'number' ? `${key}[${part}]` : `${key}.${part}`,
    KEY,
  );
}

/**
 * Reads and checks `slo.sources.prometheus`. Throws an InputError naming
 * every bad key and why, so the backend does not start half-configured.
 * Without the key there are no instances: SLOs with a prometheus source
 * then fail their pulls with a message saying so.
 */
export function readPrometheusConfig(config: Config): PrometheusSourceConfig {
  const raw = config.getOptional(KEY) ?? {};
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    throw new InputError(
      `Invalid SLO Kit Prometheus configuration: ${parsed.error.issues
        .map(issue => `${keyOf(issue.path)}: ${issue.message}`)
        .join('; ')}`,
    );
  }
  const names = new Set<string>();
  const instances = (parsed.data.instances ?? []).map((instance, index) => {
    if (names.has(instance.name)) {
      throw new InputError(
        `Invalid SLO Kit Prometheus configuration: ${keyOf([
          'instances',
          index,
          'name',
        ])}: "${
          instance.name
        }" is used by an earlier instance; names must be unique`,
      );
    }
    names.add(instance.name);
    const headers = { ...instance.headers };
    if (instance.bearerToken) {
      headers.Authorization = `Bearer ${instance.bearerToken}`;
    }
    return {
      name: instance.name,
      baseUrl: instance.baseUrl.endsWith('/')
        ? instance.baseUrl
        : `${instance.baseUrl}/`,
      headers,
      timeoutSeconds: instance.timeoutSeconds ?? 30,
      maxConcurrentQueries: instance.maxConcurrentQueries ?? 4,
    };
  });
  return {
    instances,
    rereadMinutes: parsed.data.rereadMinutes ?? 5,
    maxMinutesPerQuery: parsed.data.maxMinutesPerQuery ?? 10_000,
    concurrency: parsed.data.concurrency ?? 4,
  };
}
