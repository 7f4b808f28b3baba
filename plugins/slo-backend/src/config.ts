import {
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import {
  BURN_WINDOW_HORIZON_MS,
  DAY_MS,
  ReleasePolicy,
  canonicalEntityRef,
} from '@slo-kit/plugin-slo-common';
import path from 'node:path';
import { readReleasePolicies } from './releasePolicyConfig';

/** Settings of the SLO Kit backend, read from the `slo` app-config section. */
export interface SloBackendConfig {
  ingestion: {
    /** Most points accepted in one batch; more answers 413. */
    maxPoints: number;
    /** Largest JSON body accepted, in bytes; more answers 413. */
    maxBodyBytes: number;
    /** Service principals limited to some entities; others may write for all. */
    writers: IngestionWriterScope[];
  };
  registration: {
    /** Largest `POST /v1/slos` JSON body accepted, in bytes; more answers 413. */
    maxBodyBytes: number;
  };
  definitions: {
    /** Largest OpenSLO file the catalog sync reads, in bytes; checked while reading. */
    maxFileBytes: number;
    /**
     * Absolute directories under which the catalog sync may read OpenSLO files
     * of entities whose source location is a local `file:` location.
     */
    localRoots: string[];
  };
  retention: {
    /** How long minute buckets are kept, in ms. */
    minutesMs: number;
    /** How long hourly rollups are kept, in ms. */
    hoursMs: number;
  };
  /** Release policies by name (`slo.releasePolicies`), always with `default`. */
  releasePolicies: Record<string, ReleasePolicy>;
  gate: {
    overrides: {
      /** Longest an override may last, in ms (`slo.gate.overrides.maxDuration`). */
      maxDurationMs: number;
    };
  };
  notifications: {
    /**
     * `slo.notifications.enabled`; when not set, notifications are sent if the
     * notifications backend plugin runs in the same backend.
     */
    enabled: boolean | undefined;
  };
  schedules: {
    evaluation: SchedulerServiceTaskScheduleDefinition;
    catalogSync: SchedulerServiceTaskScheduleDefinition;
    retention: SchedulerServiceTaskScheduleDefinition;
    /** Pulling an SLI source (one task per source) that sets no schedule of its own. */
    sliSources: SchedulerServiceTaskScheduleDefinition;
    /** Recording (auditing, reporting) the gate overrides that expired. */
    overrideExpiry: SchedulerServiceTaskScheduleDefinition;
  };
}

/** Which entities one service principal may write SLI data for. */
export interface IngestionWriterScope {
  /** The principal's subject, e.g. the `subject` of a static access token. */
  subject: string;
  /** Canonical refs of entities it may write for. */
  entityRefs: string[];
  /** Namespaces (lower-case) of entities it may write for. */
  namespaces: string[];
}

export const DEFAULT_MAX_POINTS = 10_000;
export const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;
export const DEFAULT_REGISTRATION_MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_DEFINITION_MAX_FILE_BYTES = 1024 * 1024;
/**
 * Minute buckets must outlive the longest burn-rate window (the evaluator
 * reads the hour it starts in minute by minute), plus a day of margin: 4 days.
 */
export const MIN_MINUTE_RETENTION_DAYS = BURN_WINDOW_HORIZON_MS / DAY_MS + 1;
export const MIN_HOUR_RETENTION_DAYS = 400;

/** Each job's schedule when `slo.schedules.<job>` is not set. */
const DEFAULT_SCHEDULES: SloBackendConfig['schedules'] = {
  evaluation: {
    frequency: { minutes: 1 },
    timeout: { minutes: 5 },
    initialDelay: { seconds: 15 },
  },
  catalogSync: {
    frequency: { minutes: 5 },
    timeout: { minutes: 10 },
    initialDelay: { seconds: 10 },
  },
  retention: {
    frequency: { hours: 1 },
    timeout: { minutes: 30 },
    initialDelay: { minutes: 5 },
  },
  sliSources: {
    frequency: { minutes: 1 },
    timeout: { minutes: 5 },
    initialDelay: { seconds: 15 },
  },
  overrideExpiry: {
    frequency: { minutes: 1 },
    timeout: { minutes: 5 },
    initialDelay: { seconds: 20 },
  },
};

function readSchedules(
  sloConfig: Config | undefined,
): SloBackendConfig['schedules'] {
  const jobs = Object.keys(DEFAULT_SCHEDULES) as Array<
    keyof SloBackendConfig['schedules']
  >;
  return Object.fromEntries(
    jobs.map(job => [
      job,
      readSchedule(
        sloConfig?.getOptionalConfig(`schedules.${job}`),
        DEFAULT_SCHEDULES[job],
      ),
    ]),
  ) as SloBackendConfig['schedules'];
}

function readSchedule(
  config: Config | undefined,
  fallback: SchedulerServiceTaskScheduleDefinition,
): SchedulerServiceTaskScheduleDefinition {
  return config
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(config)
    : fallback;
}

function readPositive(
  config: Config | undefined,
  key: string,
  fallback: number,
  minimum: number,
): number {
  const value = config?.getOptionalNumber(key) ?? fallback;
  if (!Number.isFinite(value) || value < minimum) {
    throw new Error(
      `Invalid config slo.${key}: must be a number of at least ${minimum}, got ${value}`,
    );
  }
  return value;
}

/** `slo.definitions.localRoots`: non-empty paths, resolved against the working directory. */
function readLocalRoots(config: Config | undefined): string[] {
  const roots = config?.getOptionalStringArray('definitions.localRoots') ?? [];
  return roots.map((root, index) => {
    if (root.trim() === '') {
      throw new Error(
        `Invalid config slo.definitions.localRoots[${index}]: must be a directory path, got an empty string`,
      );
    }
    return path.resolve(root);
  });
}

function readWriterScopes(config: Config | undefined): IngestionWriterScope[] {
  return (config?.getOptionalConfigArray('ingestion.writers') ?? []).map(
    (writer, index) => {
      const key = `slo.ingestion.writers[${index}]`;
      const subject = writer.getString('subject');
      const entityRefs = (
        writer.getOptionalStringArray('entityRefs') ?? []
      ).map(ref => {
        try {
          return canonicalEntityRef(ref);
        } catch {
          throw new Error(
            `Invalid config ${key}.entityRefs: "${ref}" is not an entity ref (kind:namespace/name)`,
          );
        }
      });
      const namespaces = (
        writer.getOptionalStringArray('namespaces') ?? []
      ).map(namespace => namespace.toLocaleLowerCase('en-US'));
      if (entityRefs.length === 0 && namespaces.length === 0) {
        throw new Error(
          `Invalid config ${key}: list the entityRefs or namespaces ${subject} may write SLI data for`,
        );
      }
      return { subject, entityRefs, namespaces };
    },
  );
}

/** Reads and checks the `slo` config section, filling in defaults. */
export function readSloBackendConfig(rootConfig: Config): SloBackendConfig {
  const sloConfig = rootConfig.getOptionalConfig('slo');
  return {
    ingestion: {
      maxPoints: readPositive(
        sloConfig,
        'ingestion.maxPoints',
        DEFAULT_MAX_POINTS,
        1,
      ),
      maxBodyBytes: readPositive(
        sloConfig,
        'ingestion.maxBodyBytes',
        DEFAULT_MAX_BODY_BYTES,
        1024,
      ),
      writers: readWriterScopes(sloConfig),
    },
    registration: {
      maxBodyBytes: readPositive(
        sloConfig,
        'registration.maxBodyBytes',
        DEFAULT_REGISTRATION_MAX_BODY_BYTES,
        1024,
      ),
    },
    definitions: {
      maxFileBytes: readPositive(
        sloConfig,
        'definitions.maxFileBytes',
        DEFAULT_DEFINITION_MAX_FILE_BYTES,
        1024,
      ),
      localRoots: readLocalRoots(sloConfig),
    },
    retention: {
      minutesMs:
        readPositive(
          sloConfig,
          'retention.minuteDays',
          MIN_MINUTE_RETENTION_DAYS,
          MIN_MINUTE_RETENTION_DAYS,
        ) * DAY_MS,
      hoursMs:
        readPositive(
          sloConfig,
          'retention.hourDays',
          MIN_HOUR_RETENTION_DAYS,
          MIN_HOUR_RETENTION_DAYS,
        ) * DAY_MS,
    },
    releasePolicies: readReleasePolicies(sloConfig),
    gate: { overrides: { maxDurationMs: readOverrideMaxDuration(sloConfig) } },
    notifications: {
      enabled: sloConfig?.getOptionalBoolean('notifications.enabled'),
    },
    schedules: readSchedules(sloConfig),
  };
}

/** Default longest gate override: a week. */
const DEFAULT_OVERRIDE_MAX_DURATION_MS = 7 * DAY_MS;

/** `slo.gate.overrides.maxDuration`: a positive duration such as `{ days: 3 }` or `P3D`. */
function readOverrideMaxDuration(config: Config | undefined): number {
  const key = 'gate.overrides.maxDuration';
  if (!config?.has(key)) return DEFAULT_OVERRIDE_MAX_DURATION_MS;
  let ms: number;
  try {
    ms = durationToMilliseconds(readDurationFromConfig(config, { key }));
  } catch (error) {
    throw new Error(
      `Invalid config slo.${key}: must be a duration such as { days: 7 } or P7D (${
        (error as Error).message
      })`,
    );
  }
  if (!(ms > 0)) {
    throw new Error(`Invalid config slo.${key}: must be longer than zero`);
  }
  return ms;
}
