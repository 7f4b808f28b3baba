import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  compatWrapper,
  convertLegacyRouteRef,
} from '@backstage/core-compat-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { RiDashboard3Line } from '@remixicon/react';
import { RELIABILITY_TAB_PATH, SloClient } from '@slo-kit/plugin-slo-common';
import { sloApiRef } from './api/sloApiRef';
import { sloGateApiRef } from './api/sloGateApiRef';
import { isSloAvailable } from './isSloAvailable';
import { rootRouteRef } from './routes';

/** Provides {@link sloApiRef} from discovery and fetch. */
export const sloApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: sloApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new SloClient({ discoveryApi, fetchApi }),
    }),
});

/** Provides {@link sloGateApiRef} (release gate and events) from discovery and fetch. */
export const sloGateApi = ApiBlueprint.make({
  name: 'gate',
  params: defineParams =>
    defineParams({
      api: sloGateApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new SloClient({ discoveryApi, fetchApi }),
    }),
});

/** Overview card, on entities that declare SLOs. */
export const sloEntityCard = EntityCardBlueprint.make({
  name: 'overview',
  params: {
    filter: isSloAvailable,
    loader: () =>
      import('./components/EntitySloCard').then(m =>
        compatWrapper(<m.EntitySloCard />),
      ),
  },
});

/** The Reliability tab, shown only when the entity declares SLOs. */
export const sloEntityContent = EntityContentBlueprint.make({
  name: 'reliability',
  params: {
    path: RELIABILITY_TAB_PATH,
    title: 'Reliability',
    group: 'observability',
    filter: isSloAvailable,
    loader: () =>
      import('./components/EntitySloContent').then(m =>
        compatWrapper(<m.EntitySloContent />),
      ),
  },
});

/** The portfolio page at `/slo`; its title and icon make the "SLOs" nav item. */
export const sloPage = PageBlueprint.make({
  params: {
    path: '/slo',
    title: 'SLOs',
    icon: <RiDashboard3Line />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    loader: () =>
      import('./components/SloPage').then(m =>
        compatWrapper(<m.SloPage hideHeader />),
      ),
  },
});

/** SLO Kit for the new frontend system. */
export default createFrontendPlugin({
  pluginId: 'slo',
  title: 'SLOs',
  icon: <RiDashboard3Line />,
  info: { packageJson: () => import('../package.json') },
  routes: { root: convertLegacyRouteRef(rootRouteRef) },
  extensions: [sloApi, sloGateApi, sloPage, sloEntityCard, sloEntityContent],
});

export { sloApiRef, sloGateApiRef, isSloAvailable };
