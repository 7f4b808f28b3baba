import { createApiRef } from '@backstage/frontend-plugin-api';
import type { SloApi } from '@slo-kit/plugin-slo-common';

/** Reference to the {@link @slo-kit/plugin-slo-common#SloApi} used by every SLO Kit component. */
export const sloApiRef = createApiRef<SloApi>().with({
  id: 'plugin.slo.service',
  pluginId: 'slo',
});
