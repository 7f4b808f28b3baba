import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** SLO Kit backend settings. */
  slo?: {
    ingestion?: {
      /**
       * Most points accepted in one `POST /api/slo/v1/sli` batch; larger
       * batches get 413. Default 10000.
       */
      maxPoints?: number;
      /** Largest JSON request body in bytes; larger bodies get 413. Default 2097152 (2 MiB). */
      maxBodyBytes?: number;
    };
    retention?: {
      /** Days minute buckets are kept. Default and minimum 4. */
      minuteDays?: number;
      /** Days hourly rollups and events are kept. Default and minimum 400. */
      hourDays?: number;
    };
    schedules?: {
      /** Rollups and evaluation of every SLO; default every minute. */
      evaluation?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Reading OpenSLO files of annotated catalog entities; default every 5 minutes. */
      catalogSync?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Deleting data past retention; default hourly. */
      retention?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * Pulling each SLI source added by a backend module (one task per
       * source, `slo-source-<type>`) unless the source sets its own
       * schedule; default every minute.
       */
      sliSources?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
  };
}
