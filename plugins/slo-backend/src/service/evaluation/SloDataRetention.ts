import { LoggerService } from '@backstage/backend-plugin-api';
import { DatabaseSloStore } from '../../database/DatabaseSloStore';

/** Options of {@link SloDataRetention}. */
export interface SloDataRetentionOptions {
  store: DatabaseSloStore;
  logger: LoggerService;
  minuteRetentionMs: number;
  hourRetentionMs: number;
}

/** Deletes minute buckets, hourly rollups and events that outlived their retention. */
export class SloDataRetention {
  constructor(private readonly options: SloDataRetentionOptions) {}

  async run(now: number = Date.now()): Promise<{
    minutesDeleted: number;
    rollupsDeleted: number;
    eventsDeleted: number;
  }> {
    const { store, logger, minuteRetentionMs, hourRetentionMs } = this.options;
    const minutesDeleted = await store.deleteMinuteBucketsBefore(
      now - minuteRetentionMs,
    );
    const rollupsDeleted = await store.deleteRollupsBefore(
      now - hourRetentionMs,
    );
    const eventsDeleted = await store.deleteEventsBefore(now - hourRetentionMs);
    logger.info(
      `SLO retention removed ${minutesDeleted} minute buckets, ${rollupsDeleted} hourly rollups and ${eventsDeleted} events`,
    );
    return { minutesDeleted, rollupsDeleted, eventsDeleted };
  }
}
