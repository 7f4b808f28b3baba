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
      /**
       * Limits service principals (access tokens, plugins) to the entities
       * they may write SLI data for. A principal not listed may write for
       * every entity. Writing for another entity answers 403 and writes
       * nothing.
       */
      writers?: Array<{
        /** The principal's subject, e.g. `options.subject` of a static token in `backend.auth.externalAccess`. */
        subject: string;
        /** Entity refs it may write for, e.g. `component:default/checkout-api`. */
        entityRefs?: string[];
        /** Namespaces of the entities it may write for, e.g. `default`. */
        namespaces?: string[];
      }>;
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
