import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogLocationsExtensionPoint } from '@backstage/plugin-catalog-node';

/**
 * Lets the catalog accept `file` locations from its API when
 * `slo.scaffolder.localPublishDirectory` is set, so that `slo:publish:local`
 * can register the services it publishes in the demo portal. Without that
 * setting the catalog keeps its default of `url` locations only.
 */
export const catalogModuleLocalPublishLocations = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'local-publish-locations',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        locations: catalogLocationsExtensionPoint,
        logger: coreServices.logger,
      },
      async init({ config, locations, logger }) {
        const directory = config.getOptionalString(
          'slo.scaffolder.localPublishDirectory',
        );
        if (!directory) {
          return;
        }
        locations.setAllowedLocationTypes(['url', 'file']);
        logger.info(
          `Accepting file locations from the catalog API: slo:publish:local publishes into ${directory}`,
        );
      },
    });
  },
});
