import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { SloDemoPermissionPolicy } from './SloDemoPermissionPolicy';

/** Installs {@link SloDemoPermissionPolicy} as the demo portal's policy. */
export const permissionModuleSloDemoPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'slo-demo-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
      },
      async init({ policy, catalog, auth }) {
        policy.setPolicy(new SloDemoPermissionPolicy({ catalog, auth }));
      },
    });
  },
});
