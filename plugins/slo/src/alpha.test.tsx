import { screen } from '@testing-library/react';
import {
  createExtensionTester,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  catalogApiMock,
  createTestEntityPage,
} from '@backstage/plugin-catalog-react/testUtils';
import {
  EntityContentBlueprint,
  EntityCardBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import type { SloApi } from '@slo-kit/plugin-slo-common';
import plugin, { sloEntityCard, sloEntityContent, sloPage } from './alpha';
import { sloApiRef } from './api/sloApiRef';
import { sloGateApiRef } from './api/sloGateApiRef';
import { fakeGateApi } from './__fixtures__/gateFixtures';
import {
  checkoutEntity,
  checkoutHistory,
  checkoutResponse,
  entityWithoutSlos,
} from './__fixtures__/sloFixtures';

const api: SloApi = {
  getEntitySlos: async () => checkoutResponse,
  getSloHistory: async () => checkoutHistory,
  getPortfolio: async () => ({ items: [], totalCount: 0 }),
  registerSlos: async () => {
    throw new Error('unused');
  },
  ingestSli: async () => {
    throw new Error('unused');
  },
};

jest.setTimeout(30_000);

describe('new frontend system plugin', () => {
  it('is the slo plugin with API, page, card and content extensions', () => {
    expect(plugin.id).toBe('slo');
    expect(plugin.getExtension('page:slo')).toBeDefined();
    expect(plugin.getExtension('entity-card:slo/overview')).toBeDefined();
    expect(plugin.getExtension('entity-content:slo/reliability')).toBeDefined();
    expect(plugin.getExtension('api:slo')).toBeDefined();
    expect(plugin.getExtension('api:slo/gate')).toBeDefined();
  });

  it('puts the Reliability tab at slo in the observability group, only with the annotation', () => {
    const tester = createExtensionTester(sloEntityContent);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Reliability',
    );
    expect(tester.get(EntityContentBlueprint.dataRefs.group)).toBe(
      'observability',
    );
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(checkoutEntity)).toBe(true);
    expect(filter(entityWithoutSlos)).toBe(false);
  });

  it('shows the card only on entities with the annotation', () => {
    const tester = createExtensionTester(sloEntityCard);
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(filter(checkoutEntity)).toBe(true);
    expect(filter(entityWithoutSlos)).toBe(false);
  });

  it('renders the card with its release line on a test entity page', async () => {
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: checkoutEntity }),
        sloEntityCard,
      ],
      apis: [
        [sloApiRef, api],
        [sloGateApiRef, fakeGateApi()],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(
      await screen.findByText('Checkout availability', {}, { timeout: 20_000 }),
    ).toBeInTheDocument();
    expect(screen.getByText('Critical')).toBeInTheDocument();
    expect(await screen.findByText('Blocked:')).toBeInTheDocument();
  });

  it('renders the Reliability content on a test entity page', async () => {
    renderTestApp({
      extensions: [
        createTestEntityPage({ entity: checkoutEntity }),
        sloEntityContent,
      ],
      apis: [
        [sloApiRef, api],
        [sloGateApiRef, fakeGateApi()],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(
      await screen.findByText(
        'Who makes it easy to deploy and run this service?',
        {},
        { timeout: 20_000 },
      ),
    ).toBeInTheDocument();
    // The app's own permission API answers (permissions are not enabled in
    // the test app's config, so it allows).
    expect(
      await screen.findByRole('button', { name: 'Override' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('region', { name: 'Override history' }),
    ).toBeInTheDocument();
  });

  it('renders the portfolio page from the page extension', async () => {
    renderInTestApp(createExtensionTester(sloPage).reactElement(), {
      apis: [
        [sloApiRef, api],
        [catalogApiRef, catalogApiMock({ entities: [] })],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(
      await screen.findByText(
        'No SLOs match these filters.',
        {},
        { timeout: 20_000 },
      ),
    ).toBeInTheDocument();
  });
});
