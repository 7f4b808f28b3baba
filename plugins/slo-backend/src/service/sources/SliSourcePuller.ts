import { LoggerService } from '@backstage/backend-plugin-api';
import { MINUTE_MS, checkBucketCounts } from '@slo-kit/plugin-slo-common';
import { SliSource } from '@slo-kit/plugin-slo-node';
import { DatabaseSloStore } from '../../database/DatabaseSloStore';
import { MinuteBucketRow, StoredSloDefinition } from '../../database/types';

/** How far back the first pull of a source reaches. */
const FIRST_PULL_MS = 60 * MINUTE_MS;

/** Metric source types named by an SLO's indicator. */
function sourceTypesOf(definition: StoredSloDefinition): string[] {
  const indicator = definition.definition.indicator;
  return indicator.kind === 'ratio'
    ? [indicator.numeratorSource.type, indicator.totalSource.type]
    : [indicator.source.type];
}

/**
 * Asks every registered SLI source for the minutes since its last pull and
 * writes the answers like ingested data. Points a source returns for other
 * SLOs, off minute boundaries or with invalid counts are dropped and logged.
 */
export class SliSourcePuller {
  constructor(
    private readonly options: {
      store: DatabaseSloStore;
      logger: LoggerService;
      sources: SliSource[];
    },
  ) {}

  async run(now: number = Date.now()): Promise<void> {
    const { store, logger, sources } = this.options;
    if (sources.length === 0) return;
    const to = now - (now % MINUTE_MS);
    const definitions = await store.listActiveDefinitions();
    for (const source of sources) {
      const slos = definitions.filter(d =>
        sourceTypesOf(d).includes(source.type),
      );
      if (slos.length === 0) continue;
      const stateKey = `sources.${source.type}.pulledThrough`;
      const previous = Number(await store.getJobState(stateKey));
      const from =
        Number.isFinite(previous) && previous > 0
          ? previous
          : to - FIRST_PULL_MS;
      if (from >= to) continue;
      const keyOf = new Map(slos.map(d => [d.id, d.sloKey]));
      const points = await source.pull({
        slos: slos.map(d => ({
          id: d.id,
          entityRef: d.entityRef,
          definition: d.definition,
        })),
        from,
        to,
      });
      const rows: MinuteBucketRow[] = [];
      let dropped = 0;
      for (const point of points) {
        const sloKey = keyOf.get(point.slo);
        if (
          sloKey === undefined ||
          point.bucketStart % MINUTE_MS !== 0 ||
          point.bucketStart < from ||
          point.bucketStart >= to ||
          checkBucketCounts(point.good, point.total).length > 0
        ) {
          dropped++;
          continue;
        }
        rows.push({
          sloKey,
          bucketStart: point.bucketStart,
          good: point.good,
          total: point.total,
        });
      }
      if (dropped > 0) {
        logger.warn(
          `SLI source ${source.type} returned ${dropped} invalid points; they were dropped`,
        );
      }
      await store.writeMinuteBuckets(rows);
      await store.setJobState(stateKey, String(to));
    }
  }
}
