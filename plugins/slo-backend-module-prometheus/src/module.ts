import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { sloSliSourcesExtensionPoint } from '@slo-kit/plugin-slo-node';
import { readPrometheusConfig } from './config/readPrometheusConfig';
import { PrometheusSliSource } from './PrometheusSliSource';

/**
 * Adds Prometheus as an SLI source of the SLO backend: SLOs whose OpenSLO
 * `metricSource` has `type: prometheus` get their minutes pulled from the
 * instances configured under `slo.sources.prometheus` (see
 * docs/prometheus.md), on the backend's `slo-source-prometheus` task.
 *
 * @public
 */
export const sloModulePrometheus = createBackendModule({
  pluginId: 'slo',
  moduleId: 'prometheus',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        sources: sloSliSourcesExtensionPoint,
      },
      async init({ config, logger, sources }) {
        const settings = readPrometheusConfig(config);
        const scheduleConfig = config.getOptionalConfig(
          'slo.sources.prometheus.schedule',
        );
        sources.addSliSource(
          new PrometheusSliSource(
            settings,
            scheduleConfig
              ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                  scheduleConfig,
                )
              : undefined,
          ),
        );
        if (settings.instances.length === 0) {
          logger.warn(
            'No Prometheus instance is configured (slo.sources.prometheus.instances): SLOs with a prometheus metric source are shown as source unreachable and get no data',
          );
        } else {
          logger.info(
            `Prometheus SLI source: ${settings.instances
              .map(i => `${i.name} (${i.baseUrl})`)
              .join(', ')}`,
          );
        }
      },
    });
  },
});
