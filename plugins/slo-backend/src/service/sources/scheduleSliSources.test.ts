import {
  SchedulerService,
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import type { SliSource } from '@slo-kit/plugin-slo-node';
import { SliSourcePuller } from './SliSourcePuller';
import { scheduleSliSources } from './scheduleSliSources';

type ScheduledTask = SchedulerServiceTaskInvocationDefinition &
  SchedulerServiceTaskScheduleDefinition & { scope?: string };

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 1 },
  timeout: { minutes: 5 },
};

async function schedule(sources: SliSource[], pull: SliSourcePuller['pull']) {
  const tasks = new Map<string, ScheduledTask>();
  const scheduler = mockServices.scheduler.mock({
    async scheduleTask(task) {
      tasks.set(task.id, task as ScheduledTask);
    },
  }) as unknown as SchedulerService;
  const logger = mockServices.logger.mock();
  const puller = { pull: jest.fn(pull) } as unknown as SliSourcePuller;
  await scheduleSliSources({
    scheduler,
    logger,
    puller,
    sources,
    defaultSchedule: DEFAULT_SCHEDULE,
  });
  const run = (id: string) => tasks.get(id)!.fn(new AbortController().signal);
  return { tasks, logger, puller, run };
}

const noPoints = async () => [];

describe('scheduleSliSources', () => {
  it('schedules one global task per source, on its own schedule or the default', async () => {
    const ownSchedule = { frequency: { seconds: 30 }, timeout: { minutes: 1 } };
    const { tasks } = await schedule(
      [
        { type: 'example', pull: noPoints },
        { type: 'other', schedule: ownSchedule, pull: noPoints },
      ],
      async () => ({
        slos: 0,
        written: 0,
        historyHours: 0,
        dropped: 0,
        failed: 0,
      }),
    );
    expect([...tasks.keys()]).toEqual([
      'slo-source-example',
      'slo-source-other',
    ]);
    expect(tasks.get('slo-source-example')).toMatchObject({
      scope: 'global',
      ...DEFAULT_SCHEDULE,
    });
    expect(tasks.get('slo-source-other')).toMatchObject({
      scope: 'global',
      ...ownSchedule,
    });
  });

  it("logs a source's failure in its own task and leaves other sources running", async () => {
    const broken: SliSource = { type: 'broken', pull: noPoints };
    const working: SliSource = { type: 'working', pull: noPoints };
    const { logger, puller, run } = await schedule(
      [broken, working],
      async source => {
        if (source.type === 'broken') throw new Error('connection refused');
        return { slos: 2, written: 5, historyHours: 0, dropped: 0, failed: 0 };
      },
    );

    await expect(run('slo-source-broken')).resolves.toBeUndefined();
    expect(logger.error).toHaveBeenCalledWith(
      'SLI source broken failed, its SLOs get no pulled data until a later run succeeds: connection refused',
      expect.objectContaining({ message: 'connection refused' }),
    );
    await expect(run('slo-source-working')).resolves.toBeUndefined();
    expect(puller.pull).toHaveBeenCalledTimes(2);
    expect(puller.pull).toHaveBeenLastCalledWith(working);
    expect(logger.error).toHaveBeenCalledTimes(1);
  });
});
