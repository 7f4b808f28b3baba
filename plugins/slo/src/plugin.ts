import {
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import { sloApiFactory, sloGateApiFactory } from './api/sloApiFactory';
import { rootRouteRef } from './routes';

/** SLO Kit for the legacy frontend system. */
export const sloPlugin = createPlugin({
  id: 'slo',
  apis: [sloApiFactory, sloGateApiFactory],
  routes: { root: rootRouteRef },
});

/** The SLO portfolio page; mount it at `/slo`. */
export const SloPage = sloPlugin.provide(
  createRoutableExtension({
    name: 'SloPage',
    component: () => import('./components/SloPage').then(m => m.SloPage),
    mountPoint: rootRouteRef,
  }),
);

/** Overview card: owners and each SLO's objective, SLI, budget left and status. */
export const EntitySloCard = sloPlugin.provide(
  createComponentExtension({
    name: 'EntitySloCard',
    component: {
      lazy: () =>
        import('./components/EntitySloCard').then(m => m.EntitySloCard),
    },
  }),
);

/** The Reliability tab: burn-down, SLI, burn-rate alerts and the ownership panel. */
export const EntitySloContent = sloPlugin.provide(
  createComponentExtension({
    name: 'EntitySloContent',
    component: {
      lazy: () =>
        import('./components/EntitySloContent').then(m => m.EntitySloContent),
    },
  }),
);
