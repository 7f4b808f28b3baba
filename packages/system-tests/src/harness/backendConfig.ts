/** A job's schedule as app-config takes it. */
export interface ScheduleConfig {
  frequency: { seconds: number } | { minutes: number };
  timeout: { seconds: number } | { minutes: number };
  initialDelay?: { seconds: number };
}

/** What differs between the system tests' backends and the demo's app-config.yaml. */
export interface BackendConfigOptions {
  /** Replica name, also PostgreSQL's `application_name` of its connections. */
  name: string;
  port: number;
  postgres: { port: number };
  /** Prefix of the plugin databases; replicas of one test share it. */
  databasePrefix: string;
  /** Directory of the catalog fixture (`catalog.yaml`, OpenSLO files). */
  fixtureDir: string;
  /** `slo.schedules`, by job. */
  schedules?: Record<string, ScheduleConfig>;
}

/**
 * The config (layered over app-config.yaml) of one backend process: its port,
 * the shared PostgreSQL with the test's database prefix, the fixture catalog
 * instead of the demo's, the SLO jobs' schedules, and SLO Kit's debug log
 * (each evaluation cycle logs one line, the evidence of which replica ran it).
 * YAML is a superset of JSON, so it is written as JSON.
 */
export function backendConfig(options: BackendConfigOptions): object {
  return {
    backend: {
      baseUrl: `http://localhost:${options.port}`,
      listen: { port: options.port },
      database: {
        client: 'pg',
        prefix: options.databasePrefix,
        connection: {
          host: '127.0.0.1',
          port: options.postgres.port,
          user: 'postgres',
          password: 'postgres',
          application_name: options.name,
        },
      },
      logger: {
        overrides: [{ matchers: { plugin: 'slo' }, level: 'debug' }],
      },
    },
    catalog: {
      locations: [
        { type: 'file', target: `${options.fixtureDir}/catalog.yaml` },
      ],
    },
    slo: {
      definitions: { localRoots: [options.fixtureDir] },
      ...(options.schedules ? { schedules: options.schedules } : {}),
    },
  };
}
