import { LoggerService } from '@backstage/backend-plugin-api';
import type {
  GateEvaluationStore,
  SliDataStore,
  SloEventStore,
} from '@slo-kit/plugin-slo-node';
import { minuteRetentionCut } from './minuteRetention';

/** Options of {@link SloDataRetention}. */
export interface SloDataRetentionOptions {
  sliData: SliDataStore;
  events: SloEventStore;
  gateEvaluations: GateEvaluationStore;
  logger: LoggerService;
  minuteRetentionMs: number;
  hourRetentionMs: number;
}

/**
 * Deletes minute buckets, hourly rollups, events and recorded release-gate
 * evaluations that outlived their retention (the last two live as long as
 * hourly rollups). Minute buckets go in whole hours (see {@link minuteRetentionCut}),
 * so no hour is ever left with part of its minutes.
 */
export class SloDataRetention {
  constructor(private readonly options: SloDataRetentionOptions) {}

  async run(now: number = Date.now()): Promise<{
    minutesDeleted: number;
    rollupsDeleted: number;
    eventsDeleted: number;
    gateEvaluationsDeleted: number;
  }> {
    const {
      sliData,
      events,
      gateEvaluations,
      logger,
      minuteRetentionMs,
      hourRetentionMs,
    } = this.options;
    const minutesDeleted = await sliData.deleteMinuteBucketsBefore(
      minuteRetentionCut(now, minuteRetentionMs),
    );
    const rollupsDeleted = await sliData.deleteRollupsBefore(
      now - hourRetentionMs,
    );
    const eventsDeleted = await events.deleteEventsBefore(
      now - hourRetentionMs,
    );
    const gateEvaluationsDeleted =
      await gateEvaluations.deleteEvaluationsBefore(now - hourRetentionMs);
    logger.info(
      `SLO retention removed ${minutesDeleted} minute buckets, ${rollupsDeleted} hourly rollups, ${eventsDeleted} events and ${gateEvaluationsDeleted} gate evaluations`,
    );
    return {
      minutesDeleted,
      rollupsDeleted,
      eventsDeleted,
      gateEvaluationsDeleted,
    };
  }
}
