import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';

/**
 * Adds the `slo:*` actions to the scaffolder.
 *
 * @public
 */
export const scaffolderModuleSlo = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'slo',
  register(reg) {
    reg.registerInit({
      deps: { scaffolder: scaffolderActionsExtensionPoint },
      async init({ scaffolder }) {
        scaffolder.addActions();
      },
    });
  },
});
