import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { LOCAL_PUBLISH_DIRECTORY_CONFIG_KEY } from '@slo-kit/plugin-scaffolder-backend-module-slo';
import path from 'node:path';
import { LocalPublishedServicesProvider } from './LocalPublishedServicesProvider';

/**
 * Shows the services that the golden path published with "This portal only"
 * (`slo:publish:local`) in the catalog, by reading the publish directory
 * every few seconds. Active only while `slo.scaffolder.localPublishDirectory`
 * is set (app-config.production.yaml unsets it).
 */
export const catalogModuleLocalPublishedServices = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'local-published-services',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        catalog: catalogProcessingExtensionPoint,
        scheduler: coreServices.scheduler,
        logger: coreServices.logger,
      },
      async init({ config, catalog, scheduler, logger }) {
        const configured = config.getOptionalString(
          LOCAL_PUBLISH_DIRECTORY_CONFIG_KEY,
        );
        if (!configured) {
          return;
        }
        const directory = path.resolve(configured);
        catalog.addEntityProvider(
          new LocalPublishedServicesProvider({
            directory,
            logger,
            taskRunner: scheduler.createScheduledTaskRunner({
              frequency: { seconds: 3 },
              timeout: { seconds: 30 },
              scope: 'local',
            }),
          }),
        );
        logger.info(
          `Services published with slo:publish:local into ${directory} are read into the catalog`,
        );
      },
    });
  },
});
