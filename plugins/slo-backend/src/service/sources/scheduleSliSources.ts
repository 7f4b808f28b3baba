import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { toError } from '@backstage/errors';
import type { SliSource } from '@slo-kit/plugin-slo-node';
import { SliSourcePuller } from './SliSourcePuller';

/** Id of the scheduled task that pulls one SLI source. */
export function sliSourceTaskId(sourceType: string): string {
  return `slo-source-${sourceType}`;
}

/**
 * The body of one source's scheduled task: one pull. A failure is logged
 * and ends this run only; the task runs again on its schedule, and other
 * sources and the evaluation job are not affected.
 */
export function createSliSourceTask(options: {
  source: SliSource;
  puller: SliSourcePuller;
  logger: LoggerService;
}): () => Promise<void> {
  const { source, puller, logger } = options;
  return async () => {
    try {
      const result = await puller.pull(source);
      logger.debug(
        `SLI source ${source.type}: ${result.written} minute buckets and ${result.historyHours} hourly rollups written for ${result.slos} SLOs, ${result.failed} failed`,
      );
    } catch (thrown) {
      const error = toError(thrown);
      logger.error(
        `SLI source ${source.type} failed, its SLOs get no pulled data until a later run succeeds: ${error.message}`,
        error,
      );
    }
  };
}

/**
 * Schedules one global task per SLI source (`slo-source-<type>`), on the
 * source's own schedule or else `defaultSchedule`.
 */
export async function scheduleSliSources(options: {
  scheduler: SchedulerService;
  logger: LoggerService;
  puller: SliSourcePuller;
  sources: SliSource[];
  defaultSchedule: SchedulerServiceTaskScheduleDefinition;
}): Promise<void> {
  const { scheduler, logger, puller, sources, defaultSchedule } = options;
  for (const source of sources) {
    await scheduler.scheduleTask({
      id: sliSourceTaskId(source.type),
      scope: 'global',
      ...(source.schedule ?? defaultSchedule),
      fn: createSliSourceTask({ source, puller, logger }),
    });
  }
}
