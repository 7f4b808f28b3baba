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
  /** Epoch milliseconds on a minute boundary (UTC). */
  bucketStart: number;
  good: number;
  total: number;
}

/**
 * What an {@link SliSource} is asked for: the minutes `[from, to)` of one SLO.
 *
 * @public
 */
export interface SliSourcePullRequest {
  slo: SliSourceSlo;
  /** Epoch ms on a minute boundary, inclusive. */
  from: number;
  /** Epoch ms on a minute boundary, exclusive. */
  to: number;
}

/**
 * Pulls SLI data from a monitoring system (e.g. Prometheus) for SLOs whose
 * indicator names a `metricSource` of this source's `type`. The SLO backend
 * pulls each source in its own scheduled task (`slo-source-<type>`), one
 * request per SLO and range:
 *
 * - an SLO seen for the first time is backfilled over its whole window, in
 *   ranges of at most `maxMinutesPerPull` minutes, each written before the
 *   next is asked, so a restart resumes where the backfill stopped;
 * - later pulls ask for the minutes since the last successful pull, starting
 *   `rereadMinutes` earlier so late samples land;
 * - a pull that throws leaves its minutes without data (never zeros) and
 *   marks the SLO "source unreachable since" the first failure; the next
 *   run asks for the same minutes again, so the gap is filled once the
 *   source answers. One SLO's failure never holds up another's.
 *
 * Returned points set minute buckets, they never add to them, so re-reading
 * a minute is harmless. A minute the source returns no point for has no data.
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
  /** The longest range asked in one request, in minutes; default one day. */
  readonly maxMinutesPerPull?: number;
  /** Minutes before the end of the last pull that are read again; default 0. */
  readonly rereadMinutes?: number;
  /** How many SLOs are pulled at the same time; default 4. */
  readonly concurrency?: number;
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
