import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  SliSource,
  sloSliSourcesExtensionPoint,
} from '@slo-kit/plugin-slo-node';
import { sloModulePrometheus } from './module';

/** A stand-in for the SLO backend that only collects the sources modules add. */
function sourceCollector(added: SliSource[]) {
  return createBackendPlugin({
    pluginId: 'slo',
    register(env) {
      env.registerExtensionPoint(sloSliSourcesExtensionPoint, {
        addSliSource(...sources) {
          added.push(...sources);
        },
      });
      env.registerInit({ deps: {}, async init() {} });
    },
  });
}

async function start(prometheus: unknown) {
  const added: SliSource[] = [];
  const logger = mockServices.logger.mock();
  logger.child.mockReturnValue(logger);
  await startTestBackend({
    features: [
      sourceCollector(added),
      sloModulePrometheus,
      logger.factory,
      mockServices.rootConfig.factory({
        data:
          prometheus === undefined ? {} : { slo: { sources: { prometheus } } },
      }),
    ],
  });
  return { added, logger };
}

describe('sloModulePrometheus', () => {
  it('adds the prometheus source with the configured settings', async () => {
    const { added, logger } = await start({
      instances: [
        { name: 'main', baseUrl: 'http://prometheus:9090' },
        {
          name: 'eu',
          baseUrl: 'https://eu.example.com/prom',
          bearerToken: 't',
        },
      ],
      rereadMinutes: 7,
      maxMinutesPerQuery: 1440,
      concurrency: 2,
      schedule: { frequency: { minutes: 2 }, timeout: { minutes: 5 } },
    });
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      type: 'prometheus',
      rereadMinutes: 7,
      maxMinutesPerPull: 1440,
      concurrency: 2,
      schedule: { frequency: { minutes: 2 }, timeout: { minutes: 5 } },
    });
    expect(logger.info).toHaveBeenCalledWith(
      'Prometheus SLI source: main (http://prometheus:9090/), eu (https://eu.example.com/prom/)',
    );
  });

  it('warns, and still adds the source, when no instance is configured', async () => {
    const { added, logger } = await start(undefined);
    expect(added.map(s => s.type)).toEqual(['prometheus']);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'No Prometheus instance is configured (slo.sources.prometheus.instances)',
      ),
    );
  });

  it.each([
    [
      { instances: [{ name: 'main', baseUrl: 'prometheus:9090' }] },
      'slo.sources.prometheus.instances[0].baseUrl: must be an http(s) URL, e.g. http://prometheus:9090',
    ],
    [
      {
        instances: [
          { name: 'main', baseUrl: 'http://a:9090' },
          { name: 'main', baseUrl: 'http://b:9090' },
        ],
      },
      'slo.sources.prometheus.instances[1].name: "main" is used by an earlier instance; names must be unique',
    ],
    [
      { instances: [{ name: 'Main', baseUrl: 'http://a:9090' }] },
      'slo.sources.prometheus.instances[0].name: must be lower-case letters, digits and dashes',
    ],
    [
      { instances: [{ name: 'a', baseUrl: 'http://a:9090', timeout: 3 }] },
      "slo.sources.prometheus.instances[0]: Unrecognized key(s) in object: 'timeout'",
    ],
    [
      { maxMinutesPerQuery: 20_000 },
      'slo.sources.prometheus.maxMinutesPerQuery: Number must be less than or equal to 10000',
    ],
  ])(
    'refuses to start with %j, naming the key',
    async (prometheus, message) => {
      await expect(start(prometheus)).rejects.toThrow(message);
    },
  );
});
