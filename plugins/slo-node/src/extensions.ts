import {
  SchedulerServiceTaskScheduleDefinition,
  createExtensionPoint,
} from '@backstage/backend-plugin-api';
import type { SloDefinition } from '@slo-kit/plugin-slo-common';

/**
 * An SLO whose data an {@link SliSource} is asked to provide.
 *
 * @public
 */
export interface SliSourceSlo {
  /** Stable id, `<entity ref>#<slo name>`. */
  id: string;
  entityRef: string;
  definition: SloDefinition;
}

/**
 * One minute of SLI data returned by an {@link SliSource}: counts, not ratios.
 *
 * @public
 */
export interface SliSourcePoint {
  /** Id of the SLO, as given in the request. */
  slo: string;
  /** Epoch milliseconds on a minute boundary (UTC). */
  bucketStart: number;
  good: number;
  total: number;
}

/**
 * What an {@link SliSource} is asked for: the minutes `[from, to)` of the given SLOs.
 *
 * @public
 */
export interface SliSourcePullRequest {
  slos: SliSourceSlo[];
  /** Epoch ms on a minute boundary, inclusive. */
  from: number;
  /** Epoch ms on a minute boundary, exclusive. */
  to: number;
}

/**
 * Pulls SLI data from a monitoring system (e.g. Prometheus) for SLOs whose
 * indicator names a `metricSource` of this source's `type`. The SLO backend
 * pulls each source in its own scheduled task (`slo-source-<type>`), asking
 * for the minutes since the last successful pull, and writes what it returns
 * like ingested data: values set minute buckets, they never add to them. A
 * pull that throws is logged and asked again on the next run; it does not
 * hold up other sources or the evaluation.
 *
 * @public
 */
export interface SliSource {
  /** The OpenSLO `metricSource.type` this source serves, e.g. `prometheus`. */
  readonly type: string;
  /**
   * How often the backend pulls this source. Defaults to the backend's
   * `slo.schedules.sliSources` setting (every minute unless configured).
   */
  readonly schedule?: SchedulerServiceTaskScheduleDefinition;
  pull(request: SliSourcePullRequest): Promise<SliSourcePoint[]>;
}

/**
 * Lets backend modules add SLI sources to the SLO backend.
 *
 * @public
 */
export interface SloSliSourcesExtensionPoint {
  addSliSource(...sources: SliSource[]): void;
}

/**
 * Extension point for {@link SliSource}s.
 *
 * @public
 */
export const sloSliSourcesExtensionPoint =
  createExtensionPoint<SloSliSourcesExtensionPoint>({
    id: 'slo.sli-sources',
  });
