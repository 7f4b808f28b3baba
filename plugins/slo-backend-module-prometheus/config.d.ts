import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  slo?: {
    sources?: {
      /** Prometheus as an SLI source (@slo-kit/plugin-slo-backend-module-prometheus). */
      prometheus?: {
        /**
         * The Prometheus instances SLO Kit may query, in order; an OpenSLO
         * metric source names one with `spec.instance`, default the first.
         */
        instances?: Array<{
          /** Lower-case letters, digits and dashes; unique. */
          name: string;
          /** e.g. http://prometheus:9090 (a path prefix is kept). */
          baseUrl: string;
          /**
           * Sent with every query, e.g. a tenant header.
           * @visibility secret
           */
          headers?: { [name: string]: string };
          /**
           * Sent as `Authorization: Bearer <token>`; take it from the
           * environment: `bearerToken: ${PROMETHEUS_TOKEN}`.
           * @visibility secret
           */
          bearerToken?: string;
          /** Per query; default 30, at most 600. */
          timeoutSeconds?: number;
          /** Queries at once against this instance; default 4. */
          maxConcurrentQueries?: number;
        }>;
        /** Minutes re-read at the end of each pull so late samples land; default 5. */
        rereadMinutes?: number;
        /** Longest range of one query, in minutes; default 10,000 (Prometheus answers at most 11,000 points per series). */
        maxMinutesPerQuery?: number;
        /** SLOs pulled at the same time; default 4. */
        concurrency?: number;
        /** How often to pull; default the backend's slo.schedules.sliSources (every minute). */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
