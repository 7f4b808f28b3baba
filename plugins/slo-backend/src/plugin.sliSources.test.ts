import {
  SchedulerServiceTaskInvocationDefinition,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  SliSourcePullRequest,
  sloSliSourcesExtensionPoint,
} from '@slo-kit/plugin-slo-node';
import request from 'supertest';
import { openSloYaml } from '@slo-kit/plugin-slo-common/testUtils';
import { sloPlugin } from './plugin';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const MINUTE = 60_000;

describe('slo backend plugin with SLI sources', () => {
  it('pulls each source in its own task: a failing source stops neither another source nor evaluation', async () => {
    const brokenPull = jest.fn(async () => {
      throw new Error('connection refused');
    });
    const examplePull = jest.fn(async ({ to }: SliSourcePullRequest) => [
      { bucketStart: to - MINUTE, good: 100, total: 100 },
    ]);
    const sourcesModule = createBackendModule({
      pluginId: 'slo',
      moduleId: 'test-sources',
      register(reg) {
        reg.registerInit({
          deps: { sources: sloSliSourcesExtensionPoint },
          async init({ sources }) {
            sources.addSliSource(
              { type: 'broken', pull: brokenPull },
              { type: 'example', pull: examplePull },
            );
          },
        });
      },
    });
    const tasks = new Map<string, SchedulerServiceTaskInvocationDefinition>();
    const scheduler = mockServices.scheduler.mock({
      async scheduleTask(task) {
        tasks.set(task.id, task);
      },
    });
    const logger = mockServices.logger.mock();
    logger.child.mockReturnValue(logger);
    const knex = await databases.init('SQLITE_3');
    const { server } = await startTestBackend({
      features: [
        sloPlugin,
        sourcesModule,
        scheduler.factory,
        logger.factory,
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({ entities: [] }),
      ],
    });
    const run = (id: string) => tasks.get(id)!.fn(new AbortController().signal);

    expect([...tasks.keys()].sort()).toEqual([
      'slo-catalog-sync',
      'slo-evaluation',
      'slo-gate-override-expiry',
      'slo-retention',
      'slo-source-broken',
      'slo-source-example',
    ]);
    for (const [type, names] of [
      ['broken', ['a']],
      ['example', ['b']],
    ] as const) {
      const res = await request(server)
        .post('/api/slo/v1/slos')
        .set(
          'Authorization',
          mockCredentials.service.header({
            onBehalfOf: mockCredentials.service('plugin:catalog'),
            targetPluginId: 'slo',
          }),
        )
        .send({
          entityRef: `component:default/${type}`,
          openslo: openSloYaml([...names], 0.99, type),
        });
      expect(res.status).toBe(200);
    }

    // The broken source's SLO stops at its first request, marked failing.
    await expect(run('slo-source-broken')).resolves.toBeUndefined();
    expect(brokenPull).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^SLI source broken failed for component:default\/broken#a, minutes from .* have no data until a later run succeeds: connection refused$/,
      ),
    );

    // The other source backfills its SLO's 28-day window, a day at a time.
    await expect(run('slo-source-example')).resolves.toBeUndefined();
    const asked = examplePull.mock.calls.map(([r]) => r);
    expect(new Set(asked.map(r => r.slo.id))).toEqual(
      new Set(['component:default/example#b']),
    );
    expect(asked.length).toBeGreaterThanOrEqual(28);
    const calls = examplePull.mock.calls.length;

    // Evaluation runs on its own and no longer pulls the sources.
    await expect(run('slo-evaluation')).resolves.toBeUndefined();
    expect(brokenPull).toHaveBeenCalledTimes(1);
    expect(examplePull).toHaveBeenCalledTimes(calls);
    const statuses = await knex('slo_status as s')
      .join('slo_definitions as d', 'd.slo_key', 's.slo_key')
      .orderBy('d.id')
      .select('d.id', 's.status', 's.sli');
    expect(statuses).toEqual([
      { id: 'component:default/broken#a', status: 'no-data', sli: null },
      { id: 'component:default/example#b', status: 'healthy', sli: 1 },
    ]);
  });
});
