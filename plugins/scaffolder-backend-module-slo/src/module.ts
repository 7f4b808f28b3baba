import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { sloServiceRef } from '@slo-kit/plugin-slo-node';
import {
  createPublishLocalAction,
  createRegisterSlosAction,
  createSloDefinitionsAction,
} from './actions';

/**
 * Adds the `slo:*` actions to the scaffolder: `slo:definitions:create`,
 * `slo:register` and `slo:publish:local`.
 *
 * @public
 */
export const scaffolderModuleSlo = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'slo',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        slo: sloServiceRef,
        discovery: coreServices.discovery,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
      },
      async init({ scaffolder, slo, discovery, config, catalog }) {
        scaffolder.addActions(
          createSloDefinitionsAction(),
          createRegisterSlosAction({ slo, discovery, catalog }),
          createPublishLocalAction({ config, catalog }),
        );
      },
    });
  },
});
