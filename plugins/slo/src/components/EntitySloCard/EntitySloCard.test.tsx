import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import type { EntitySlosResponse, SloApi } from '@slo-kit/plugin-slo-common';
import { sloApiRef } from '../../api/sloApiRef';
import {
  availabilityDefinition,
  checkoutEntity,
  checkoutResponse,
  emptyResponse,
  entityWithoutSlos,
  errorEvaluation,
  FIXTURE_NOW,
  healthyEvaluation,
  noDataEvaluation,
  sloSummary,
} from '../../__fixtures__/sloFixtures';
import { EntitySloCard } from './EntitySloCard';

function fakeSloApi(getEntitySlos: SloApi['getEntitySlos']): SloApi & {
  calls: string[];
} {
  const calls: string[] = [];
  const unexpected = async () => {
    throw new Error('The card must only read the entity endpoint');
  };
  return {
    calls,
    getEntitySlos: async (entity, options) => {
      calls.push(`${entity.kind}:${entity.namespace}/${entity.name}`);
      return getEntitySlos(entity, options);
    },
    getPortfolio: unexpected,
    getSloHistory: unexpected,
    registerSlos: unexpected,
    ingestSli: unexpected,
  };
}

async function renderCard(api: SloApi, entity = checkoutEntity) {
  return renderInTestApp(
    <TestApiProvider apis={[[sloApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntitySloCard now={FIXTURE_NOW} />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('EntitySloCard', () => {
  it('shows ownership, objectives, SLI, budget and status from one request', async () => {
    const api = fakeSloApi(async () => checkoutResponse);
    await renderCard(api);

    expect(
      await screen.findByText('Checkout availability'),
    ).toBeInTheDocument();
    expect(api.calls).toEqual(['Component:default/checkout-api']);

    const ownership = screen.getByLabelText('Ownership');
    expect(within(ownership).getByText('Service owner:')).toBeInTheDocument();
    expect(
      within(ownership).getByRole('link', { name: /payments/ }),
    ).toBeInTheDocument();
    expect(
      within(ownership).getByRole('link', { name: /sre/ }),
    ).toBeInTheDocument();
    expect(
      within(ownership).getByRole('link', { name: /platform/ }),
    ).toBeInTheDocument();

    const items = within(
      screen.getByRole('list', { name: 'SLOs' }),
    ).getAllByRole('listitem');
    expect(items).toHaveLength(2);

    const exhausted = items[0];
    expect(
      within(exhausted).getByText('99.9% of requests succeed, 30 days rolling'),
    ).toBeInTheDocument();
    expect(within(exhausted).getByText('99.862%')).toBeInTheDocument();
    expect(within(exhausted).getByText('Critical')).toBeInTheDocument();
    expect(
      within(exhausted).getByText(
        '1,094 failed requests over a budget of 2,880',
      ),
    ).toBeInTheDocument();
    expect(
      within(exhausted).getByText(/Error budget exhausted/),
    ).toBeInTheDocument();
    const exhaustedMeter = within(exhausted).getByRole('meter', {
      name: 'Error budget left for Checkout availability',
    });
    expect(exhaustedMeter).toHaveAttribute('aria-valuenow', '0');

    const burning = items[1];
    expect(
      within(burning).getByText(
        '99.9% of 1-minute slices have at least 95% good requests, calendar month (Europe/Berlin)',
      ),
    ).toBeInTheDocument();
    expect(within(burning).getByText('Warning')).toBeInTheDocument();
    expect(within(burning).getByText('72%')).toBeInTheDocument();
    expect(
      within(burning).getByText('31 of 43 minutes left'),
    ).toBeInTheDocument();
    expect(
      within(burning).getByText(/runs out in 2 days 4 hours/),
    ).toBeInTheDocument();
    expect(within(burning).getByRole('meter')).toHaveAttribute(
      'aria-valuenow',
      '72',
    );
    expect(within(burning).getByRole('meter')).toHaveAttribute(
      'aria-valuetext',
      '72%: 31 of 43 minutes left',
    );

    expect(
      screen.getByRole('link', { name: 'Burn-down charts and alerts' }),
    ).toHaveAttribute('href', '/catalog/default/component/checkout-api/slo');
  });

  it('shows a healthy SLO without a forecast', async () => {
    const response: EntitySlosResponse = {
      ...checkoutResponse,
      slos: [sloSummary(availabilityDefinition, healthyEvaluation)],
    };
    await renderCard(fakeSloApi(async () => response));

    expect(await screen.findByText('Healthy')).toBeInTheDocument();
    expect(
      screen.getByText('1,204 of 2,880 failed requests left'),
    ).toBeInTheDocument();
    expect(screen.queryByText(/runs out/)).not.toBeInTheDocument();
  });

  it('says an SLO could not be evaluated and why, without a budget', async () => {
    const response: EntitySlosResponse = {
      ...checkoutResponse,
      slos: [sloSummary(availabilityDefinition, errorEvaluation)],
    };
    await renderCard(fakeSloApi(async () => response));

    expect(await screen.findByText('Evaluation failed')).toBeInTheDocument();
    expect(
      screen.getByText(
        /could not be evaluated: RangeError: Invalid time value/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('meter')).not.toBeInTheDocument();
    expect(screen.queryByText(/Error budget left/)).not.toBeInTheDocument();
    expect(screen.queryByText(/100%/)).not.toBeInTheDocument();
  });

  it('never shows a budget or 100% when there is no data', async () => {
    const response: EntitySlosResponse = {
      ...checkoutResponse,
      slos: [sloSummary(availabilityDefinition, noDataEvaluation)],
    };
    await renderCard(fakeSloApi(async () => response));

    expect(await screen.findByText('No data')).toBeInTheDocument();
    expect(
      screen.getByText(/No SLI data in the window yet/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('meter')).not.toBeInTheDocument();
    // The budget bar stays empty: it shows no value at all.
    expect(
      screen.getByRole('img', {
        name: 'Error budget left for Checkout availability: no data',
      }),
    ).toBeEmptyDOMElement();
    expect(screen.queryByText(/100%/)).not.toBeInTheDocument();
  });

  it('says when an SLO has not been evaluated yet', async () => {
    const response: EntitySlosResponse = {
      ...checkoutResponse,
      slos: [sloSummary(availabilityDefinition, null)],
    };
    await renderCard(fakeSloApi(async () => response));

    expect(await screen.findByText(/Not evaluated yet/)).toBeInTheDocument();
    expect(screen.getByText('No data')).toBeInTheDocument();
  });

  it('explains how to add SLOs when the entity has none', async () => {
    await renderCard(
      fakeSloApi(async () => emptyResponse),
      entityWithoutSlos,
    );

    expect(
      await screen.findByText('This service has no SLOs yet.'),
    ).toBeInTheDocument();
    expect(
      screen.getByLabelText('catalog-info.yaml annotations'),
    ).toHaveTextContent('slo-kit.dev/openslo-ref: ./slos.yaml');
    expect(screen.getByLabelText('Minimal slos.yaml')).toHaveTextContent(
      'apiVersion: openslo/v1',
    );
    expect(
      within(screen.getByLabelText('Ownership')).getByText('missing'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'Burn-down charts and alerts' }),
    ).not.toBeInTheDocument();
  });

  it('lists sync errors with file, document and field', async () => {
    const response: EntitySlosResponse = {
      ...emptyResponse,
      syncErrors: [
        {
          entityRef: 'component:default/legacy-batch',
          file: 'slos.yaml',
          documentIndex: 0,
          documentName: 'availability',
          path: 'spec.objectives[0].target',
          message: 'must be between 0 and 1 (got 99.9)',
          occurredAt: FIXTURE_NOW.toISOString(),
        },
      ],
    };
    await renderCard(
      fakeSloApi(async () => response),
      entityWithoutSlos,
    );

    expect(
      await screen.findByText(
        'The SLO definitions could not be read completely',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('slos.yaml › availability › spec.objectives[0].target'),
    ).toBeInTheDocument();
    expect(screen.getByText(/must be between 0 and 1/)).toBeInTheDocument();
    expect(
      screen.getByText('No SLOs could be read for this service.'),
    ).toBeInTheDocument();
  });

  it('shows a loading state until the answer arrives', async () => {
    await renderCard(fakeSloApi(() => new Promise(() => {})));
    expect(
      screen.getByLabelText('Loading service level objectives'),
    ).toBeInTheDocument();
  });

  it('shows the error and retries on request', async () => {
    let attempts = 0;
    const api = fakeSloApi(async () => {
      attempts += 1;
      if (attempts === 1) {
        throw new Error('slo backend unavailable');
      }
      return checkoutResponse;
    });
    await renderCard(api);

    expect(
      await screen.findByText('Could not load the SLOs'),
    ).toBeInTheDocument();
    expect(screen.getByText('slo backend unavailable')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByText('Checkout availability'),
    ).toBeInTheDocument();
    expect(attempts).toBe(2);
  });
});
