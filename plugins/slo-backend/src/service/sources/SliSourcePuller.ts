import { LoggerService } from '@backstage/backend-plugin-api';
import { MINUTE_MS } from '@slo-kit/plugin-slo-common';
import type {
  JobStateStore,
  SliSource,
  SloDefinitionStore,
  StoredSloDefinition,
} from '@slo-kit/plugin-slo-node';
import { SliPoint, SliWriter } from '../ingestion/SliWriter';

/** How far back the first pull of a source reaches. */
const FIRST_PULL_MS = 60 * MINUTE_MS;

/** Metric source types named by an SLO's indicator. */
function sourceTypesOf(definition: StoredSloDefinition): string[] {
  const indicator = definition.definition.indicator;
  return indicator.kind === 'ratio'
    ? [indicator.numeratorSource.type, indicator.totalSource.type]
    : [indicator.source.type];
}

/** Job state key holding the end of the minutes last pulled from a source. */
export function pulledThroughKey(sourceType: string): string {
  return `sources.${sourceType}.pulledThrough`;
}

/** Outcome of one pull of one source. */
export interface SliSourcePullResult {
  /** SLOs the source was asked about; 0 when it serves none (nothing was pulled). */
  slos: number;
  /** Minute buckets written. */
  written: number;
  /** Points dropped: for SLOs not asked about, outside the range, or invalid. */
  dropped: number;
}

/**
 * Asks one SLI source for the minutes since its last pull, of the live SLOs
 * whose indicator names its type, and writes the answer through the
 * {@link SliWriter} like pushed data. Points for SLOs it was not asked
 * about, outside the asked range or with invalid counts are dropped and
 * logged. The range pulled is recorded only after the write succeeded, so a
 * failed pull is asked again next time.
 */
export class SliSourcePuller {
  constructor(
    private readonly options: {
      definitions: SloDefinitionStore;
      jobs: JobStateStore;
      writer: SliWriter;
      logger: LoggerService;
    },
  ) {}

  async pull(
    source: SliSource,
    now: number = Date.now(),
  ): Promise<SliSourcePullResult> {
    const { definitions, jobs, writer, logger } = this.options;
    const to = now - (now % MINUTE_MS);
    const slos = (await definitions.listActiveDefinitions()).filter(d =>
      sourceTypesOf(d).includes(source.type),
    );
    if (slos.length === 0) {
      return { slos: 0, written: 0, dropped: 0 };
    }
    const stateKey = pulledThroughKey(source.type);
    const previous = Number(await jobs.getJobState(stateKey));
    const from =
      Number.isFinite(previous) && previous > 0 ? previous : to - FIRST_PULL_MS;
    if (from >= to) {
      return { slos: slos.length, written: 0, dropped: 0 };
    }
    const asked = new Set(slos.map(d => d.id));
    const points = await source.pull({
      slos: slos.map(d => ({
        id: d.id,
        entityRef: d.entityRef,
        definition: d.definition,
      })),
      from,
      to,
    });
    const inRange: SliPoint[] = points.filter(
      point =>
        asked.has(point.slo) &&
        point.bucketStart >= from &&
        point.bucketStart < to,
    );
    const { written, issues } = await writer.write(
      inRange,
      'drop-invalid',
      now,
    );
    const dropped =
      points.length - inRange.length + new Set(issues.map(i => i.index)).size;
    if (dropped > 0) {
      logger.warn(
        `SLI source ${source.type} returned ${dropped} invalid points; they were dropped`,
      );
    }
    await jobs.setJobState(stateKey, String(to));
    return { slos: slos.length, written, dropped };
  }
}
