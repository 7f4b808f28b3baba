import { configure, screen, within } from '@testing-library/react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { SWRConfig } from 'swr';
import userEvent from '@testing-library/user-event';
import {
  EntityProvider,
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import type {
  EntitySlosResponse,
  SloApi,
  SloGateApi,
  SloHistoryQuery,
} from '@slo-kit/plugin-slo-common';
import { sloApiRef } from '../../api/sloApiRef';
import { sloGateApiRef } from '../../api/sloGateApiRef';
import {
  activeOverride,
  advisoryDecision,
  blockedDecision,
  fakeGateApi,
  revokedOverride,
} from '../../__fixtures__/gateFixtures';
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

// The tab renders two charts per SLO and the gate's tables: role queries
// over that much DOM take a while on a busy machine.
jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 8_000 });

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

/** Groups by their display names, as the catalog presents them. */
const presentationApi = {
  forEntity: (entityRef: string) => {
    const snapshot = {
      entityRef,
      primaryTitle:
        entityRef === 'group:default/sre'
          ? 'Site Reliability Engineering'
          : entityRef,
    };
    return { snapshot, promise: Promise.resolve(snapshot) };
  },
};

async function renderTab(
  api: SloApi,
  gateApi: SloGateApi = fakeGateApi(),
  mayOverride:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.DENY,
) {
  return renderInTestApp(
    // A fresh permission cache per render: usePermission keeps answers by request.
    <SWRConfig value={{ provider: () => new Map() }}>
      <TestApiProvider
        apis={[
          [sloApiRef, api],
          [sloGateApiRef, gateApi],
          [entityPresentationApiRef, presentationApi as any],
          [permissionApiRef, mockApis.permission({ authorize: mayOverride })],
        ]}
      >
        <EntityProvider entity={checkoutEntity}>
          <EntitySloContent now={FIXTURE_NOW} chartWidth={640} />
        </EntityProvider>
      </TestApiProvider>
    </SWRConfig>,
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

  it('lists the burn-rate alerts with windows, rates and state', async () => {
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
  });

  it('marks deploys, incidents and notes on the burn-down and lists them', async () => {
    const { api } = fakeSloApi(checkoutResponse);
    await renderTab(api);

    const burnDown = await screen.findByRole('img', {
      name: /Burn-down of the error budget for Checkout availability.*; 3 events marked$/,
    });
    const markers = [...burnDown.querySelectorAll('.slo-event-marker')];
    expect(
      markers.map(marker =>
        [...marker.classList].find(
          c => c.startsWith('slo-event-') && c !== 'slo-event-marker',
        ),
      ),
    ).toEqual(['slo-event-deploy', 'slo-event-incident', 'slo-event-note']);
    // Each marker is a vertical line, in time order, labelled at its top
    // with the event's title (recharts draws labels in a layer of their own).
    const x = (marker: Element) => {
      const line = marker.querySelector('line')!;
      expect(line.getAttribute('x1')).toBe(line.getAttribute('x2'));
      return Number(line.getAttribute('x1'));
    };
    expect(x(markers[0])).toBeLessThan(x(markers[1]));
    expect(x(markers[1])).toBeLessThan(x(markers[2]));
    const labels = [...burnDown.querySelectorAll('text.recharts-label')];
    const labelAt = (title: string) =>
      Number(
        labels.find(label => label.textContent === title)?.getAttribute('x'),
      );
    markers.forEach((marker, i) => {
      const title = checkoutHistory.events[i].title;
      expect(Math.abs(labelAt(title) - x(marker))).toBeLessThan(10);
    });

    const events = screen.getByRole('list', {
      name: 'Events for Checkout availability',
    });
    const items = within(events).getAllByRole('listitem');
    expect(items.map(item => item.getAttribute('data-event-type'))).toEqual([
      'deploy',
      'incident',
      'note',
    ]);
    expect(items[0]).toHaveTextContent(
      /^.+ · Deploy: Deploy v2\.14\.0 \(version 2\.14\.0\) Details$/,
    );
    expect(
      within(items[0]).getByRole('link', { name: 'Details' }),
    ).toHaveAttribute('href', 'https://ci.example.com/runs/42');
    expect(items[1]).toHaveTextContent(
      /· Incident: INC-311 card processor timeouts$/,
    );
    expect(within(items[1]).queryByRole('link')).not.toBeInTheDocument();
    expect(items[2]).toHaveTextContent(
      /· Note: Card processor failover tested$/,
    );
  });

  describe('release gate section', () => {
    /** Each "term: answer" of the decision's description list. */
    const factTexts = (facts: HTMLElement) =>
      [...facts.children].map(fact => fact.textContent);

    it('shows the decision, every reason with its SLO, the policy, who decides and the recorded evaluations', async () => {
      const { api } = fakeSloApi(checkoutResponse);
      const gateApi = fakeGateApi();
      await renderTab(api, gateApi);

      const section = await screen.findByLabelText('Release gate');
      const facts = await within(section).findByLabelText('Release decision');
      expect(gateApi.decisionCalls).toEqual(['Component:default/checkout-api']);
      expect(gateApi.listCalls).toEqual([
        'component:default/checkout-api limit 10',
      ]);
      expect(factTexts(facts)).toEqual([
        'Decision: Blocked',
        'Policy: default, mode enforce',
        'Exempt change types: rollback, security-fix',
        'Who decides: Site Reliability Engineering',
      ]);

      const reasons = within(
        within(section).getByRole('list', { name: 'Release reasons' }),
      ).getAllByRole('listitem');
      expect(reasons).toHaveLength(3);
      expect(reasons[0]).toHaveTextContent(
        'Warns Checkout latency ticket alert firing: burning 3.1\u00d7 over 1d and 3.1\u00d7 over 2h (threshold 3\u00d7). SLO: Checkout latency · rule ticketAlertFiring',
      );
      expect(reasons[1]).toHaveTextContent(
        'Blocks Checkout availability error budget exhausted (\u221238 %). SLO: Checkout availability · rule budgetExhausted',
      );
      expect(reasons[2]).toHaveTextContent('rule pageAlertFiring');

      const evaluations = within(section).getByRole('region', {
        name: 'Recent release-gate evaluations',
      });
      const rows = within(evaluations).getAllByRole('row');
      expect(
        within(rows[0])
          .getAllByRole('columnheader')
          .map(h => h.textContent),
      ).toEqual([
        'When',
        'Asked by',
        'Version',
        'Environment',
        'Change type',
        'Decision',
      ]);
      expect(rows).toHaveLength(4);
      expect(
        within(rows[1]).getByText('external:ci-payments'),
      ).toBeInTheDocument();
      expect(within(rows[1]).getByText('2.14.1')).toBeInTheDocument();
      expect(within(rows[1]).getByText('production')).toBeInTheDocument();
      expect(within(rows[1]).getByText('feature')).toBeInTheDocument();
      expect(within(rows[1]).getByText('Blocked')).toBeInTheDocument();
      expect(within(rows[2]).getByText('user:default/ada')).toBeInTheDocument();
      expect(within(rows[2]).getByText('Allowed')).toBeInTheDocument();
      expect(
        within(rows[2]).getByText('rollback is exempt'),
      ).toBeInTheDocument();
      expect(within(rows[3]).getByText('Warning')).toBeInTheDocument();
      expect(within(rows[3]).getAllByText('\u2014')).toHaveLength(3);
    });

    it('offers the SRE owner "Override" and lists the override history', async () => {
      const { api } = fakeSloApi(checkoutResponse);
      await renderTab(
        api,
        fakeGateApi({ overrides: [activeOverride, revokedOverride] }),
        AuthorizeResult.ALLOW,
      );

      const section = await screen.findByLabelText('Release gate');
      expect(
        await within(section).findByRole('button', { name: 'Override' }),
      ).toBeInTheDocument();
      expect(
        within(section).getByRole('button', { name: 'Revoke' }),
      ).toBeInTheDocument();
      const history = within(section).getByRole('region', {
        name: 'Override history',
      });
      const rows = within(history).getAllByRole('row');
      expect(rows).toHaveLength(3);
      expect(within(rows[1]).getByText('Active')).toBeInTheDocument();
      expect(within(rows[2]).getByText('Revoked')).toBeInTheDocument();
    });

    it('names the SRE owner instead of a button for everyone else', async () => {
      const { api } = fakeSloApi(checkoutResponse);
      await renderTab(api, fakeGateApi(), AuthorizeResult.DENY);

      const section = await screen.findByLabelText('Release gate');
      expect(
        await within(section).findByText(/can override the release gate/),
      ).toHaveTextContent(
        'Only Site Reliability Engineering (the SRE owner) can override the release gate.',
      );
      expect(
        within(section).queryByRole('button', { name: 'Override' }),
      ).toBeNull();
    });

    it('shows the real decision and what CI is told under an advisory policy', async () => {
      const { api } = fakeSloApi(checkoutResponse);
      await renderTab(
        api,
        fakeGateApi({
          decision: async () => advisoryDecision,
          evaluations: async () => [],
        }),
      );

      const facts = await screen.findByLabelText('Release decision');
      expect(factTexts(facts)).toEqual([
        'Decision: Would block',
        'CI is told: Allowed (advisory policy: recorded, never enforced)',
        'Policy: advisory, mode advisory',
        'Exempt change types: none',
        'Who decides: Site Reliability Engineering',
      ]);
      expect(within(facts).queryByText('Blocked')).not.toBeInTheDocument();
      const reasons = screen.getByRole('list', { name: 'Release reasons' });
      expect(within(reasons).getByText('Would block')).toBeInTheDocument();
      expect(
        screen.getByText(
          'No evaluation recorded yet: CI records one each time it asks the gate (slo-kit gate).',
        ),
      ).toBeInTheDocument();
    });

    it('shows failed gate calls in the section without hiding the SLOs, and retries', async () => {
      const { api } = fakeSloApi(checkoutResponse);
      let attempts = 0;
      await renderTab(
        api,
        fakeGateApi({
          decision: async () => {
            attempts += 1;
            if (attempts === 1) throw new Error('gate unavailable');
            return blockedDecision;
          },
          evaluations: async () => {
            throw new Error('audit trail unavailable');
          },
        }),
      );

      expect(
        await screen.findByText('Could not load the release decision'),
      ).toBeInTheDocument();
      expect(screen.getByText('gate unavailable')).toBeInTheDocument();
      expect(
        await screen.findByText('Could not load the recorded evaluations'),
      ).toBeInTheDocument();
      expect(screen.getByText('audit trail unavailable')).toBeInTheDocument();
      expect(
        await screen.findByRole('img', {
          name: /Burn-down of the error budget for Checkout availability/,
        }),
      ).toBeInTheDocument();

      const [retryDecision] = screen.getAllByRole('button', {
        name: 'Try again',
      });
      await userEvent.click(retryDecision);
      expect(
        await screen.findByLabelText('Release decision'),
      ).toHaveTextContent('Decision: Blocked');
      expect(attempts).toBe(2);
    });
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
      within(panel).getByRole('link', {
        name: 'Site Reliability Engineering',
      }),
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
