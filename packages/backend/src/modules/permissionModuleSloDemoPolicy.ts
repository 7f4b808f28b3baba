import { createBackendModule } from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { SloDemoPermissionPolicy } from './SloDemoPermissionPolicy';

/** Installs {@link SloDemoPermissionPolicy} as the demo portal's policy. */
export const permissionModuleSloDemoPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'slo-demo-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new SloDemoPermissionPolicy());
      },
    });
  },
});
