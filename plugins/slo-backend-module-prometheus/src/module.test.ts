import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  SliSource,
  sloSliSourcesExtensionPoint,
} from '@slo-kit/plugin-slo-node';
import { sloModulePrometheus } from './module';

describe('sloModulePrometheus', () => {
  it('starts, says it is not implemented yet and registers no SLI source', async () => {
    const added: SliSource[] = [];
    const fakeSloPlugin = createBackendPlugin({
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
    const logger = mockServices.logger.mock();
    logger.child.mockReturnValue(logger);

    await startTestBackend({
      features: [fakeSloPlugin, sloModulePrometheus, logger.factory],
    });

    expect(added).toEqual([]);
    expect(logger.info).toHaveBeenCalledWith(
      'Prometheus SLI source is not implemented yet; SLOs with a prometheus metricSource receive no pulled data',
    );
  });
});
