import { screen, within } from '@testing-library/react';
import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import type {
  EntitySlosResponse,
  SloApi,
  SloHistoryQuery,
} from '@slo-kit/plugin-slo-common';
import { sloApiRef } from '../../api/sloApiRef';
import {
  availabilityDefinition,
  checkoutEntity,
  checkoutHistory,
  checkoutResponse,
  emptyResponse,
  FIXTURE_NOW,
  noDataEvaluation,
  sloSummary,
} from '../../__fixtures__/sloFixtures';
import { EntitySloContent } from './EntitySloContent';

function fakeSloApi(response: EntitySlosResponse, historyError?: Error) {
  const historyCalls: Array<{ id: string; query?: SloHistoryQuery }> = [];
  const unexpected = async () => {
    throw new Error('not used by the tab');
  };
  const api: SloApi = {
    getEntitySlos: async () => response,
    getSloHistory: async (id, query) => {
      historyCalls.push({ id, query });
      if (historyError) throw historyError;
      return { ...checkoutHistory, id };
    },
    getPortfolio: unexpected,
    registerSlos: unexpected,
    ingestSli: unexpected,
  };
  return { api, historyCalls };
}

async function renderTab(api: SloApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[sloApiRef, api]]}>
      <EntityProvider entity={checkoutEntity}>
        <EntitySloContent now={FIXTURE_NOW} chartWidth={640} />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('EntitySloContent', () => {
  it('draws a labelled burn-down and SLI chart per SLO from its history', async () => {
    const { api, historyCalls } = fakeSloApi(checkoutResponse);
    await renderTab(api);

    const burnDown = await screen.findByRole('img', {
      name: /Burn-down of the error budget for Checkout availability/,
    });
    expect(burnDown.tagName.toLowerCase()).toBe('svg');
    expect(burnDown.querySelectorAll('.recharts-line').length).toBe(3);
    // The budget falls to −38 %: the axis says so with a minus sign, and the
    // SLI axis labels are whole percentages, never cut off.
    const tickTexts = (chart: Element) =>
      [
        ...chart.querySelectorAll(
          '.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value',
        ),
      ].map(tick => tick.textContent);
    expect(tickTexts(burnDown)).toContain('\u221240%');
    const sliChart = screen.getByRole('img', {
      name: /SLI of Checkout availability over time/,
    });
    const sliTicks = tickTexts(sliChart);
    expect(sliTicks.length).toBeGreaterThan(1);
    for (const tick of sliTicks) {
      expect(tick).toMatch(/^\d{1,3}(\.\d+)?%$/);
    }
    expect(
      screen.getByRole('img', {
        name: /SLI of Checkout availability over time/,
      }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('img', {
        name: /Burn-down of the error budget for Checkout latency/,
      }),
    ).toBeInTheDocument();

    expect(historyCalls.map(call => call.id)).toEqual([
      'component:default/checkout-api#availability',
      'component:default/checkout-api#latency',
    ]);
    expect(historyCalls[0].query).toEqual({
      from: '2026-02-08T12:00:00.000Z',
      to: FIXTURE_NOW.toISOString(),
      points: 300,
    });
  });

  it('lists events and the burn-rate alerts with windows, rates and state', async () => {
    const { api } = fakeSloApi(checkoutResponse);
    await renderTab(api);

    const availability = await screen.findByRole('region', {
      name: 'Burn-rate alerts for Checkout availability',
    });
    const rows = within(availability).getAllByRole('row');
    // header + four alerts
    expect(rows).toHaveLength(5);
    expect(within(rows[1]).getByText('Page')).toBeInTheDocument();
    expect(within(rows[1]).getByText('1h')).toBeInTheDocument();
    expect(within(rows[1]).getByText('burn rate 16.2×')).toBeInTheDocument();
    expect(within(rows[1]).getByText('5m')).toBeInTheDocument();
    expect(within(rows[1]).getByText('burn rate 20.5×')).toBeInTheDocument();
    expect(within(rows[1]).getByText('14.4×')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Firing')).toBeInTheDocument();
    expect(within(rows[4]).getByText('Ticket')).toBeInTheDocument();
    expect(within(rows[4]).getByText('Firing')).toBeInTheDocument();

    const latency = screen.getByRole('region', {
      name: 'Burn-rate alerts for Checkout latency',
    });
    const latencyRows = within(latency).getAllByRole('row');
    expect(within(latencyRows[1]).getByText('Quiet')).toBeInTheDocument();
    expect(within(latencyRows[3]).getByText('Firing')).toBeInTheDocument();

    const events = await screen.findByRole('list', {
      name: 'Events for Checkout availability',
    });
    expect(
      within(events).getByText(/Deploy v2.14.0 \(deploy\)/),
    ).toBeInTheDocument();
    expect(
      within(events).getByText(/INC-311 card processor timeouts/),
    ).toBeInTheDocument();
  });

  it('answers both ownership questions from the catalog', async () => {
    const { api } = fakeSloApi(checkoutResponse);
    await renderTab(api);

    const panel = await screen.findByLabelText('Who owns what');
    expect(
      within(panel).getByText(
        'Who makes it easy to deploy and run this service?',
      ),
    ).toBeInTheDocument();
    expect(
      within(panel).getByText(
        'Who decides when its reliability is no longer acceptable?',
      ),
    ).toBeInTheDocument();
    expect(
      within(panel).getByRole('link', { name: /platform/ }),
    ).toBeInTheDocument();
    expect(
      within(panel).getByRole('link', { name: /sre/ }),
    ).toBeInTheDocument();
    expect(
      within(panel).getByText(
        /owner of the template that created this service/,
      ),
    ).toBeInTheDocument();
    expect(within(panel).queryByText(/Nobody decides/)).not.toBeInTheDocument();
  });

  it('warns when the SRE owner is missing', async () => {
    const { api } = fakeSloApi(emptyResponse);
    await renderTab(api);

    const panel = await screen.findByLabelText('Who owns what');
    expect(
      within(panel).getByText(
        'Nobody decides when reliability is no longer acceptable',
      ),
    ).toBeInTheDocument();
    expect(within(panel).getAllByText('Nobody is named')).toHaveLength(2);
    expect(
      screen.getByText('This service has no SLOs yet.'),
    ).toBeInTheDocument();
  });

  it('warns when the platform and SRE owner are the same team', async () => {
    const response: EntitySlosResponse = {
      ...checkoutResponse,
      ownership: {
        ...checkoutResponse.ownership,
        sreOwner: 'group:default/platform',
        findings: [
          {
            code: 'sre-owner-is-platform-owner',
            message:
              'group:default/platform is both the platform owner and the SRE owner.',
          },
        ],
      },
    };
    const { api } = fakeSloApi(response);
    await renderTab(api);

    expect(
      await screen.findByText(
        'The same team runs the paved road and judges production reliability',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/is both the platform owner and the SRE owner/),
    ).toBeInTheDocument();
  });

  it('shows a history error next to the SLO without hiding its headline', async () => {
    const { api } = fakeSloApi(
      checkoutResponse,
      new Error('history store offline'),
    );
    await renderTab(api);

    expect(
      await screen.findByText(
        'Could not load the history of Checkout availability',
      ),
    ).toBeInTheDocument();
    expect(screen.getAllByText('history store offline')).toHaveLength(2);
    expect(screen.getByText('Checkout availability')).toBeInTheDocument();
    expect(
      screen.queryByRole('img', { name: /Burn-down/ }),
    ).not.toBeInTheDocument();
  });

  it('shows an SLO without data with an empty budget bar, no charts and no 100%', async () => {
    const { api } = fakeSloApi({
      ...checkoutResponse,
      slos: [sloSummary(availabilityDefinition, noDataEvaluation)],
    });
    await renderTab(api);

    expect(await screen.findByText('No data')).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: 'Error budget left for Checkout availability: no data',
      }),
    ).toBeEmptyDOMElement();
    expect(screen.queryByRole('meter')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('img', { name: /Burn-down/ }),
    ).not.toBeInTheDocument();
    expect(screen.queryByText(/100%/)).not.toBeInTheDocument();
  });

  it('shows the loading and error states of the entity request', async () => {
    const pending: SloApi = {
      ...fakeSloApi(checkoutResponse).api,
      getEntitySlos: () => new Promise(() => {}),
    };
    const { unmount } = await renderTab(pending);
    expect(screen.getByLabelText('Loading reliability')).toBeInTheDocument();
    unmount();

    const failing: SloApi = {
      ...fakeSloApi(checkoutResponse).api,
      getEntitySlos: async () => {
        throw new Error('forbidden');
      },
    };
    await renderTab(failing);
    expect(
      await screen.findByText('Could not load the SLOs'),
    ).toBeInTheDocument();
    expect(screen.getByText('forbidden')).toBeInTheDocument();
  });
});
