import { LoggerService } from '@backstage/backend-plugin-api';
import { toError } from '@backstage/errors';
import {
  DAY_MS,
  MINUTE_MS,
  checkBucketCounts,
  resolveWindow,
} from '@slo-kit/plugin-slo-common';
import type {
  SliDataStore,
  SliSource,
  SliSourcePoint,
  SliSourceState,
  SliSourceStateStore,
  SloDefinitionStore,
  StoredSloDefinition,
} from '@slo-kit/plugin-slo-node';
import { oldestWritableMinute } from '../evaluation/minuteRetention';
import { SliWriter } from '../ingestion/SliWriter';
import { historyRollups } from './historyRollups';
import { pullFingerprint } from './pullFingerprint';
import { PullPlan, planPull } from './pullRanges';

/** Defaults of the optional settings of an {@link SliSource}. */
export const SOURCE_DEFAULTS = {
  maxMinutesPerPull: DAY_MS / MINUTE_MS,
  rereadMinutes: 0,
  concurrency: 4,
};

/** Metric source types named by an SLO's indicator. */
export function sourceTypesOf(definition: StoredSloDefinition): string[] {
  const indicator = definition.definition.indicator;
  return indicator.kind === 'ratio'
    ? [indicator.numeratorSource.type, indicator.totalSource.type]
    : [indicator.source.type];
}

/** Outcome of one run of one source. */
export interface SliSourcePullResult {
  /** SLOs the source serves; 0 when it serves none (nothing was pulled). */
  slos: number;
  /** Minute buckets written. */
  written: number;
  /** Hourly rollups written for hours older than minute retention (backfills). */
  historyHours: number;
  /** Points dropped because they were outside the asked range or invalid. */
  dropped: number;
  /** SLOs whose pull failed in this run; their minutes stay without data. */
  failed: number;
}

/** Why a pulled point cannot be written, or undefined when it can. */
function pointProblem(
  point: SliSourcePoint,
  range: { from: number; to: number },
): string | undefined {
  if (
    !Number.isSafeInteger(point.bucketStart) ||
    point.bucketStart % MINUTE_MS !== 0 ||
    point.bucketStart < range.from ||
    point.bucketStart >= range.to
  ) {
    return `bucketStart ${point.bucketStart} is not a minute of the range asked`;
  }
  return checkBucketCounts(point.good, point.total)[0];
}

/**
 * Runs one SLI source for every live SLO whose indicator names its type,
 * each SLO on its own plan (see {@link planPull}): a first backfill of the
 * whole window in chunks, then the minutes since the last pull. Minutes
 * minute retention still keeps go through the {@link SliWriter} like pushed
 * data; older minutes of a backfill become hourly rollups, and the SLO's
 * history revision is raised so every evaluation cache reloads it. After
 * each chunk is written, the SLO's source state records how far it got, so
 * a restart resumes there. A chunk the source fails leaves its minutes
 * without data and marks the SLO failing; the same minutes are asked again
 * on the next run.
 */
export class SliSourcePuller {
  constructor(
    private readonly options: {
      definitions: SloDefinitionStore;
      sourceStates: SliSourceStateStore;
      sliData: SliDataStore;
      writer: SliWriter;
      logger: LoggerService;
      minuteRetentionMs: number;
    },
  ) {}

  async pull(
    source: SliSource,
    now: number = Date.now(),
  ): Promise<SliSourcePullResult> {
    const { definitions, sourceStates } = this.options;
    const slos = (await definitions.listActiveDefinitions()).filter(d =>
      sourceTypesOf(d).includes(source.type),
    );
    const result: SliSourcePullResult = {
      slos: slos.length,
      written: 0,
      historyHours: 0,
      dropped: 0,
      failed: 0,
    };
    if (slos.length === 0) return result;

    const states = new Map<number, SliSourceState>();
    for (const state of await sourceStates.listSourceStates(
      slos.map(d => d.sloKey),
    )) {
      if (state.sourceType === source.type) states.set(state.sloKey, state);
    }

    const queue = [...slos];
    const concurrency = Math.max(
      1,
      source.concurrency ?? SOURCE_DEFAULTS.concurrency,
    );
    const worker = async () => {
      for (let slo = queue.shift(); slo; slo = queue.shift()) {
        await this.pullSlo(source, slo, states.get(slo.sloKey), now, result);
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(concurrency, slos.length) }, worker),
    );
    return result;
  }

  /**
   * Pulls one SLO's plan chunk by chunk; stops at the first failure. An SLO
   * whose queries changed since its last pull is backfilled again.
   */
  private async pullSlo(
    source: SliSource,
    slo: StoredSloDefinition,
    state: SliSourceState | undefined,
    now: number,
    result: SliSourcePullResult,
  ): Promise<void> {
    const { sourceStates, logger } = this.options;
    const fingerprint = pullFingerprint(slo.definition);
    const changed =
      state !== undefined &&
      state.pulledThrough !== null &&
      state.fingerprint !== null &&
      state.fingerprint !== fingerprint;
    if (changed) {
      logger.info(
        `SLI source ${source.type}: the queries of ${slo.id} changed since its last pull; its window is pulled again`,
      );
    }
    const pulledThrough = changed ? null : state?.pulledThrough ?? null;
    const plan = planPull({
      now,
      windowStart: resolveWindow(slo.definition.timeWindow, now).start,
      pulledThrough,
      rereadMinutes: source.rereadMinutes ?? SOURCE_DEFAULTS.rereadMinutes,
      maxMinutesPerPull:
        source.maxMinutesPerPull ?? SOURCE_DEFAULTS.maxMinutesPerPull,
      oldestWritable: oldestWritableMinute(now, this.options.minuteRetentionMs),
    });
    if (!plan) return;
    if (plan.backfillFrom !== undefined) {
      logger.info(
        `SLI source ${source.type}: backfilling ${slo.id} from ${new Date(
          plan.from,
        ).toISOString()} in ${plan.chunks.length} requests`,
      );
    }
    for (const [index, chunk] of plan.chunks.entries()) {
      let points: SliSourcePoint[];
      try {
        points = await source.pull({
          slo: {
            id: slo.id,
            entityRef: slo.entityRef,
            definition: slo.definition,
          },
          from: chunk.from,
          to: chunk.to,
        });
      } catch (thrown) {
        const error = toError(thrown);
        result.failed += 1;
        logger.warn(
          `SLI source ${source.type} failed for ${
            slo.id
          }, minutes from ${new Date(
            chunk.from,
          ).toISOString()} have no data until a later run succeeds: ${
            error.message
          }`,
        );
        await sourceStates.recordFailure(
          { sloKey: slo.sloKey, sourceType: source.type, error: error.message },
          now,
        );
        return;
      }
      await this.writeChunk(source, slo, chunk, points, now, result);
      await sourceStates.recordPulled(
        {
          sloKey: slo.sloKey,
          sourceType: source.type,
          pulledThrough: chunk.to,
          fingerprint,
          ...(plan.backfillFrom !== undefined && index === 0
            ? { backfillFrom: plan.backfillFrom }
            : {}),
        },
        now,
      );
      if (plan.chunks.length > 1) {
        logger.info(
          `SLI source ${source.type}: ${slo.id} pulled through ${new Date(
            chunk.to,
          ).toISOString()} (${index + 1} of ${plan.chunks.length})`,
        );
      }
    }
  }

  /**
   * Writes one chunk: valid points of minutes minute retention keeps through
   * the writer, older ones as whole-hour rollups.
   */
  private async writeChunk(
    source: SliSource,
    slo: StoredSloDefinition,
    chunk: PullPlan['chunks'][number],
    points: SliSourcePoint[],
    now: number,
    result: SliSourcePullResult,
  ): Promise<void> {
    const { definitions, sliData, writer, logger, minuteRetentionMs } =
      this.options;
    const oldestWritable = oldestWritableMinute(now, minuteRetentionMs);
    const problems: string[] = [];
    const recent: SliSourcePoint[] = [];
    const history: SliSourcePoint[] = [];
    const seen = new Map<number, SliSourcePoint>();
    for (const point of points) {
      const problem = pointProblem(point, chunk);
      if (problem) {
        problems.push(problem);
        continue;
      }
      seen.set(point.bucketStart, point);
    }
    for (const point of seen.values()) {
      (point.bucketStart >= oldestWritable ? recent : history).push(point);
    }
    if (problems.length > 0) {
      result.dropped += problems.length;
      logger.warn(
        `SLI source ${source.type} returned ${problems.length} invalid points for ${slo.id}; they were dropped (first: ${problems[0]})`,
      );
    }
    if (recent.length > 0) {
      const { written } = await writer.write(
        recent.map(p => ({ slo: slo.id, ...p })),
        'drop-invalid',
        now,
      );
      result.written += written;
    }
    if (history.length > 0) {
      const rollups = historyRollups(
        slo.sloKey,
        slo.definition,
        history.map(p => ({
          start: p.bucketStart,
          good: p.good,
          total: p.total,
        })),
      );
      await sliData.writeRollups(rollups);
      await definitions.raiseHistoryRevision([slo.sloKey]);
      result.historyHours += rollups.length;
    }
  }
}
