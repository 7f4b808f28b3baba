import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import {
  renderInTestApp,
  TestApiProvider,
  mockApis,
} from '@backstage/test-utils';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { identityApiRef } from '@backstage/core-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import type { SloApi } from '@slo-kit/plugin-slo-common';
import {
  checkoutEntity,
  checkoutHistory,
  checkoutResponse,
  entityWithoutSlos,
  portfolioItem,
} from './__fixtures__/sloFixtures';
import { fakeGateApi } from './__fixtures__/gateFixtures';
import {
  EntitySloCard,
  EntitySloContent,
  isSloAvailable,
  SloPage,
  sloApiRef,
  sloGateApiRef,
  sloPlugin,
} from './index';

const api: SloApi = {
  getEntitySlos: async () => checkoutResponse,
  getSloHistory: async () => checkoutHistory,
  getPortfolio: async () => ({
    items: [
      portfolioItem(1, {
        entityRef: 'component:default/checkout-api',
        status: 'critical',
      }),
    ],
    totalCount: 1,
  }),
  registerSlos: async () => {
    throw new Error('unused');
  },
  ingestSli: async () => {
    throw new Error('unused');
  },
};

function LegacyApis(props: { children: React.ReactNode }) {
  return (
    <TestApiProvider
      apis={[
        [sloApiRef, api],
        [sloGateApiRef, fakeGateApi()],
        [catalogApiRef, catalogApiMock({ entities: [] })],
        [identityApiRef, mockApis.identity()],
        // A legacy app gets it from @backstage/app-defaults.
        [permissionApiRef, mockApis.permission()],
      ]}
    >
      {props.children}
    </TestApiProvider>
  );
}

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

jest.setTimeout(30_000);

describe('legacy frontend system exports', () => {
  it('declares the plugin id and provides its API', () => {
    expect(sloPlugin.getId()).toBe('slo');
    expect([...sloPlugin.getApis()].map(factory => factory.api.id)).toEqual([
      'plugin.slo.service',
      'plugin.slo.gate',
    ]);
  });

  it('renders EntitySloCard in a legacy app', async () => {
    await renderInTestApp(
      <LegacyApis>
        <EntityProvider entity={checkoutEntity}>
          <EntitySloCard />
        </EntityProvider>
      </LegacyApis>,
      { mountedRoutes },
    );
    expect(
      await screen.findByText('Service level objectives'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('Checkout availability'),
    ).toBeInTheDocument();
    expect(screen.getByText('Critical')).toBeInTheDocument();
  });

  it('renders EntitySloContent in a legacy app', async () => {
    await renderInTestApp(
      <LegacyApis>
        <EntityProvider entity={checkoutEntity}>
          <EntitySloContent chartWidth={600} />
        </EntityProvider>
      </LegacyApis>,
      { mountedRoutes },
    );
    expect(
      await screen.findByRole(
        'img',
        { name: /Burn-down of the error budget for Checkout availability/ },
        { timeout: 20_000 },
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Who decides when its reliability is no longer acceptable?',
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('button', { name: 'Override' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('region', { name: 'Override history' }),
    ).toBeInTheDocument();
  });

  it('renders SloPage in a legacy app', async () => {
    await renderInTestApp(
      <LegacyApis>
        <Routes>
          <Route path="/slo" element={<SloPage />} />
        </Routes>
      </LegacyApis>,
      { mountedRoutes, routeEntries: ['/slo'] },
    );
    expect(
      await screen.findByText('checkout-api', {}, { timeout: 20_000 }),
    ).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'SLOs' })).toBeInTheDocument();
  });

  it('isSloAvailable follows the openslo-ref annotation', () => {
    expect(isSloAvailable(checkoutEntity)).toBe(true);
    expect(isSloAvailable(entityWithoutSlos)).toBe(false);
  });
});
