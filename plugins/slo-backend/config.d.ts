import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import { HumanDuration } from '@backstage/types';

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
    registration?: {
      /**
       * Largest `POST /api/slo/v1/slos` JSON body in bytes; larger bodies get
       * 413. Default 1048576 (1 MiB), minimum 1024.
       */
      maxBodyBytes?: number;
    };
    definitions?: {
      /**
       * Largest OpenSLO file the catalog sync reads, in bytes; a larger file is
       * a sync error (checked while reading). Default 1048576 (1 MiB), minimum 1024.
       */
      maxFileBytes?: number;
      /**
       * Directories (absolute, or relative to the backend's working directory)
       * under which OpenSLO files of entities with a local `file:` source
       * location may be read. Default none: such entities get a sync error.
       * URLs are read with Backstage's UrlReader under `backend.reading` and
       * the integrations' rules.
       */
      localRoots?: string[];
    };
    retention?: {
      /** Days minute buckets are kept. Default and minimum 4. */
      minuteDays?: number;
      /** Days hourly rollups and events are kept. Default and minimum 400. */
      hourDays?: number;
    };
    /**
     * Release policies of the release gate by name. An entity picks one with
     * the `slo-kit.dev/release-policy` annotation (default `default`). When
     * `default` is not set here, the built-in default policy applies: block
     * on an exhausted budget or a firing page alert; warn below 25 % budget,
     * on a firing ticket alert, no data, a status older than 15 minutes or no
     * SRE owner.
     */
    gate?: {
      overrides?: {
        /**
         * Longest a release-gate override may last, e.g. `{ days: 3 }` or
         * `P3D`. Default 7 days.
         */
        maxDuration?: HumanDuration | string;
      };
    };
    releasePolicies?: {
      [name: string]: {
        /** `enforce` (default), or `advisory`: evaluated and recorded, CI is always told allow. */
        mode?: 'enforce' | 'advisory';
        /** Change types always allowed. Default `rollback`, `security-fix`. */
        exemptChangeTypes?: string[];
        /**
         * The rules; the decision is the strictest outcome of those that
         * fire. `when` is one of budgetExhausted, budgetBelow (with
         * `fraction`, e.g. 0.25), pageAlertFiring, ticketAlertFiring, noData,
         * stale (with `maxAge`, a duration such as `{ minutes: 15 }`) or
         * noSreOwner; `then` is warn or block.
         */
        rules: Array<{
          when: string;
          then: 'warn' | 'block';
          fraction?: number;
          maxAge?: string | { [unit: string]: number };
        }>;
      };
    };
    notifications?: {
      /**
       * Whether SLO Kit sends Backstage notifications (through
       * `@backstage/plugin-notifications-node`) when an SLO turns critical
       * or recovers and when a recorded release-gate evaluation blocks.
       * Default: true when the notifications backend plugin is installed in
       * the same backend, false otherwise. Set true when the notifications
       * backend runs in another backend of a split deployment.
       */
      enabled?: boolean;
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
      /** Recording gate overrides that expired (audit, notifications); default every minute. */
      overrideExpiry?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
  };
}
