import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import {
  MetricSource,
  meetsThreshold,
  type SloDefinition,
} from '@slo-kit/plugin-slo-common';
import type {
  SliSource,
  SliSourcePoint,
  SliSourcePullRequest,
} from '@slo-kit/plugin-slo-node';
import { PrometheusClient } from './client/PrometheusClient';
import type { PrometheusSourceConfig } from './config/readPrometheusConfig';
import { minuteEndValues, minuteIncreases } from './queries/minuteIncreases';

const MINUTE_MS = 60_000;
const STEP_SECONDS = 60;

/**
 * SLI data from Prometheus for SLOs whose metric sources have
 * `type: prometheus`, as exact per-minute counts:
 *
 * - ratio metrics: `spec.query` of good (or bad) and total select counter
 *   series; each is read at every UTC minute boundary of the range and the
 *   per-minute increases are computed here (see {@link minuteIncreases}), so
 *   minutes add up to the counters' growth exactly. A minute without total
 *   has no data. No good (or bad) series while total has some means none of
 *   those events happened (e.g. no 5xx was ever counted).
 * - threshold metrics (Timeslices): `spec.query` gives one value per minute,
 *   read at the minute's end; the minute is one slice, good when the value
 *   meets the objective's `op` and `value`.
 *
 * `spec.instance` names the Prometheus to ask (default: the first
 * configured). Ranges are asked in chunks under Prometheus' 11,000 points per
 * series. Any failure throws, so the SLO backend leaves those minutes
 * without data and shows the source as unreachable.
 */
export class PrometheusSliSource implements SliSource {
  readonly type = 'prometheus';
  readonly rereadMinutes: number;
  readonly maxMinutesPerPull: number;
  readonly concurrency: number;
  private readonly clients: Map<string, PrometheusClient>;
  private readonly defaultInstance?: string;

  constructor(
    config: PrometheusSourceConfig,
    readonly schedule?: SchedulerServiceTaskScheduleDefinition,
  ) {
    this.rereadMinutes = config.rereadMinutes;
    this.maxMinutesPerPull = config.maxMinutesPerQuery;
    this.concurrency = config.concurrency;
    this.clients = new Map(
      config.instances.map(instance => [
        instance.name,
        new PrometheusClient(instance),
      ]),
    );
    this.defaultInstance = config.instances[0]?.name;
  }

  async pull(request: SliSourcePullRequest): Promise<SliSourcePoint[]> {
    const { definition } = request.slo;
    const indicator = definition.indicator;
    if (indicator.kind === 'threshold') {
      return this.thresholdPoints(definition, indicator.source, request);
    }
    const [numerator, total] = await Promise.all([
      this.counterIncreases(indicator.numeratorSource, request),
      this.counterIncreases(indicator.totalSource, request),
    ]);
    const points: SliSourcePoint[] = [];
    for (const [bucketStart, rawTotal] of [...total.entries()].sort(
      ([a], [b]) => a - b,
    )) {
      const events = Math.round(rawTotal);
      const counted = Math.min(
        events,
        Math.round(numerator.get(bucketStart) ?? 0),
      );
      const good = indicator.numerator === 'good' ? counted : events - counted;
      points.push({ bucketStart, good, total: events });
    }
    return points;
  }

  private client(source: MetricSource): PrometheusClient {
    const named =
      typeof source.spec?.instance === 'string'
        ? source.spec.instance
        : undefined;
    const name = named ?? this.defaultInstance;
    if (name === undefined) {
      throw new Error(
        'no Prometheus instance is configured: add one under slo.sources.prometheus.instances',
      );
    }
    const client = this.clients.get(name);
    if (!client) {
      throw new Error(
        `Prometheus instance "${name}" (spec.instance) is not configured; configured: ${[
          ...this.clients.keys(),
        ].join(', ')}`,
      );
    }
    return client;
  }

  /** Summed per-minute increases of the counters `source` selects, over the requested range. */
  private async counterIncreases(
    source: MetricSource,
    { from, to }: SliSourcePullRequest,
  ): Promise<Map<number, number>> {
    const client = this.client(source);
    const series = await client.queryRange(
      source.query!,
      from / 1000,
      to / 1000,
      STEP_SECONDS,
    );
    return minuteIncreases(series, from, to);
  }

  private async thresholdPoints(
    definition: SloDefinition,
    source: MetricSource,
    { from, to, slo }: SliSourcePullRequest,
  ): Promise<SliSourcePoint[]> {
    const objective = definition.objectives[0];
    if (!objective?.op || objective.value === undefined) {
      throw new Error(
        `${slo.id}: a threshold metric needs op and value on its first objective`,
      );
    }
    const series = await this.client(source).queryRange(
      source.query!,
      (from + MINUTE_MS) / 1000,
      to / 1000,
      STEP_SECONDS,
    );
    if (series.length > 1) {
      throw new Error(
        `the threshold query ${JSON.stringify(source.query)} returned ${
          series.length
        } series; it must return one (aggregate it, e.g. with max or histogram_quantile)`,
      );
    }
    if (series.length === 0) return [];
    return [...minuteEndValues(series[0], from, to).entries()]
      .sort(([a], [b]) => a - b)
      .map(([bucketStart, value]) => ({
        bucketStart,
        good: meetsThreshold(value, objective.op!, objective.value!) ? 1 : 0,
        total: 1,
      }));
  }
}
