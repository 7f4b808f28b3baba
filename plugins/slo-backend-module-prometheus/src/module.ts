import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';

/**
 * Registers Prometheus as an SLI source for SLOs whose `metricSource` is of
 * type `prometheus`.
 *
 * @public
 */
export const sloModulePrometheus = createBackendModule({
  pluginId: 'slo',
  moduleId: 'prometheus',
  register(reg) {
    reg.registerInit({
      deps: { logger: coreServices.logger },
      async init({ logger }) {
        logger.info(
          'Prometheus SLI source is not implemented yet; SLOs with a prometheus metricSource receive no pulled data',
        );
      },
    });
  },
});
