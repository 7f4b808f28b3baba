import { createApiRef } from '@backstage/frontend-plugin-api';
import type { SloGateApi } from '@slo-kit/plugin-slo-common';

/**
 * Reference to the {@link @slo-kit/plugin-slo-common#SloGateApi}: the release
 * gate's decision, its recorded evaluations and events, as the card, the
 * Reliability tab and the portfolio read them.
 */
export const sloGateApiRef = createApiRef<SloGateApi>().with({
  id: 'plugin.slo.gate',
  pluginId: 'slo',
});
