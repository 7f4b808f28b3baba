import { createRouteRef } from '@backstage/core-plugin-api';

/** Route of the SLO portfolio page. */
export const rootRouteRef = createRouteRef({ id: 'slo' });
