import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { sloCatalogPermissionRules } from './sloCatalogRules';

/**
 * Adds SLO Kit's permission rules (`SLO_KIT_IS_SRE_OWNER`,
 * `SLO_KIT_IS_SERVICE_OWNER`) to the catalog, which applies the conditions of
 * every permission on catalog entities, SLO Kit's included.
 */
export const catalogModuleSloPermissionRules = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'slo-permission-rules',
  register(reg) {
    reg.registerInit({
      deps: { permissionsRegistry: coreServices.permissionsRegistry },
      async init({ permissionsRegistry }) {
        permissionsRegistry.addPermissionRules(sloCatalogPermissionRules);
      },
    });
  },
});
