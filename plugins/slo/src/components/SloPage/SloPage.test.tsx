import { screen, within, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import type {
  PortfolioItem,
  PortfolioQuery,
  SloApi,
} from '@slo-kit/plugin-slo-common';
import { sloApiRef } from '../../api/sloApiRef';
import { portfolioItem } from '../../__fixtures__/sloFixtures';
import {
  advisoryDecision,
  blockedDecision,
  releaseSummary,
  warningDecision,
} from '../../__fixtures__/gateFixtures';
import { PORTFOLIO_PAGE_SIZE } from './PortfolioTable';
import { SloPage } from './SloPage';

// Opening selects and re-rendering a page of 25 rows takes a while on a busy machine.
jest.setTimeout(30_000);

/** A server over many SLOs that pages with an opaque cursor and filters by owner and status. */
function fakePortfolioServer(items: PortfolioItem[]) {
  const queries: PortfolioQuery[] = [];
  const unexpected = async () => {
    throw new Error('not used by the portfolio');
  };
  const api: SloApi = {
    getPortfolio: async (query = {}) => {
      queries.push(query);
      const matching = items.filter(
        item =>
          (!query.owner?.length ||
            query.owner.includes(item.serviceOwner ?? '') ||
            query.owner.includes(item.sreOwner ?? '')) &&
          (!query.status?.length || query.status.includes(item.status)) &&
          (!query.release?.length ||
            query.release.includes(item.release.decision as 'block' | 'warn')),
      );
      const start = query.cursor
        ? Number(Buffer.from(query.cursor, 'base64').toString())
        : 0;
      const limit = query.limit ?? 50;
      const page = matching.slice(start, start + limit);
      const next = start + limit;
      return {
        items: page,
        totalCount: matching.length,
        nextCursor:
          next < matching.length
            ? Buffer.from(String(next)).toString('base64')
            : undefined,
      };
    },
    getEntitySlos: unexpected,
    getSloHistory: unexpected,
    registerSlos: unexpected,
    ingestSli: unexpected,
  };
  return { api, queries };
}

/** Row 3 has overspent its budget and row 4 has no data; the rest have half left. */
function budgetRemainingOf(i: number): number | null {
  if (i === 3) return -0.38;
  if (i === 4) return null;
  return 0.5;
}

/** Row 5: a calendar-month SLO with budget left, critical because a page alert fires. */
const pagedWithBudgetLeft: Partial<PortfolioItem> = {
  status: 'critical',
  timeWindow: '1M',
  timeWindowKind: 'calendar',
  timeZone: 'Europe/Berlin',
  firingAlerts: [
    { severity: 'page', longWindow: '1h', longBurnRate: 16, factor: 14.4 },
  ],
};

/**
 * The gate blocks row 3 (budget spent), would block row 5 under an advisory
 * policy (page alert) and warns about row 4 (no data); it allows the rest.
 */
function releaseOf(i: number): Partial<PortfolioItem> {
  if (i === 3) return { release: releaseSummary(blockedDecision) };
  if (i === 4) return { release: releaseSummary(warningDecision) };
  if (i === 5) return { release: releaseSummary(advisoryDecision) };
  return {};
}

const manySlos: PortfolioItem[] = Array.from({ length: 5000 }, (_, i) =>
  portfolioItem(i, {
    serviceOwner:
      i % 2 === 0 ? 'group:default/payments' : 'group:default/search',
    status: i === 3 ? 'critical' : 'healthy',
    budgetRemaining: budgetRemainingOf(i),
    sli: i === 4 ? null : 0.9995,
    ...(i === 4 ? { status: 'no-data' as const } : {}),
    ...(i === 5 ? pagedWithBudgetLeft : {}),
    ...releaseOf(i),
  }),
);

const groups = ['payments', 'search', 'sre'].map(name => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
}));

async function renderPage(api: SloApi) {
  return renderInTestApp(<SloPage />, {
    apis: [
      [sloApiRef, api],
      [catalogApiRef, catalogApiMock({ entities: groups })],
      mockApis.identity({
        userEntityRef: 'user:default/ada',
        ownershipEntityRefs: ['user:default/ada', 'group:default/search'],
      }),
    ],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

function bodyRows() {
  const table = within(
    screen.getByRole('region', { name: 'SLO portfolio' }),
  ).getByRole('grid');
  return within(table).getAllByRole('row').slice(1);
}

describe('SloPage', () => {
  it('shows one page of SLOs with every column and links to the Reliability tab', async () => {
    const { api, queries } = fakePortfolioServer(manySlos);
    await renderPage(api);

    expect(await screen.findByText('service-0000')).toBeInTheDocument();
    expect(bodyRows()).toHaveLength(PORTFOLIO_PAGE_SIZE);
    expect(queries).toHaveLength(1);
    expect(queries[0]).toMatchObject({
      limit: PORTFOLIO_PAGE_SIZE,
      owner: [],
      status: [],
      release: [],
      sort: 'budgetRemaining',
      order: 'asc',
    });

    const critical = bodyRows().find(row =>
      within(row).queryByText('service-0003'),
    )!;
    expect(within(critical).getByText('Critical')).toBeInTheDocument();
    expect(within(critical).getByText('-38%')).toBeInTheDocument();
    expect(
      within(critical).getByText('99.9% over 30 days'),
    ).toBeInTheDocument();
    expect(within(critical).getByText('99.95%')).toBeInTheDocument();
    expect(within(critical).getByText('search')).toBeInTheDocument();
    expect(within(critical).getByText('sre')).toBeInTheDocument();
    expect(
      within(critical).getByRole('link', { name: /service-0003/ }),
    ).toHaveAttribute('href', '/catalog/default/component/service-0003/slo');

    // Critical with half its budget left: the row says which alert fires.
    const paged = bodyRows().find(row =>
      within(row).queryByText('service-0005'),
    )!;
    expect(within(paged).getByText('Critical')).toBeInTheDocument();
    expect(
      within(paged).getByText('page alert: 1h burn 16×'),
    ).toBeInTheDocument();
    expect(
      within(paged).getByText('99.9% over calendar month'),
    ).toBeInTheDocument();

    const noData = bodyRows().find(row =>
      within(row).queryByText('service-0004'),
    )!;
    // SLI, budget left and status all say so
    expect(within(noData).getAllByText('No data')).toHaveLength(3);
    expect(within(noData).queryByText(/100%/)).not.toBeInTheDocument();
  });

  it('shows each service\u2019s release decision with the reason that explains it', async () => {
    const { api } = fakePortfolioServer(manySlos);
    await renderPage(api);
    await screen.findByText('service-0000');

    const table = within(
      screen.getByRole('region', { name: 'SLO portfolio' }),
    ).getByRole('grid');
    expect(
      within(table).getByRole('columnheader', { name: 'Release' }),
    ).toBeInTheDocument();
    const row = (service: string) =>
      bodyRows().find(r => within(r).queryByText(service))!;
    const release = (service: string) =>
      row(service).querySelector('[data-release]')!;

    expect(release('service-0003')).toHaveTextContent('Blocked');
    expect(release('service-0003')).toHaveAttribute('data-release', 'block');
    expect(
      within(row('service-0003')).getByText(
        'Checkout availability error budget exhausted (\u221238 %).',
      ),
    ).toBeInTheDocument();
    // Advisory: the real decision, but clearly not "Blocked".
    expect(release('service-0005')).toHaveTextContent('Would block');
    expect(within(row('service-0005')).queryByText('Blocked')).toBeNull();
    expect(release('service-0004')).toHaveTextContent('Warning');
    expect(
      within(row('service-0004')).getByText(/ticket alert firing/),
    ).toBeInTheDocument();
    expect(release('service-0000')).toHaveTextContent('Allowed');
  });

  it('filters by release decision on the server: blocked, or blocked and warning', async () => {
    const { api, queries } = fakePortfolioServer(manySlos);
    await renderPage(api);
    await screen.findByText('service-0000');

    await userEvent.click(screen.getByRole('button', { name: /Release/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Blocked' }),
    );
    await userEvent.keyboard('{Escape}');

    await waitFor(() =>
      expect(queries[queries.length - 1].release).toEqual(['block']),
    );
    // The blocked service and the one an advisory policy would block.
    await waitFor(() => expect(bodyRows()).toHaveLength(2));
    expect(within(bodyRows()[0]).getByText('service-0003')).toBeInTheDocument();
    expect(within(bodyRows()[1]).getByText('service-0005')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: /Release/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Warning' }),
    );
    await userEvent.keyboard('{Escape}');

    await waitFor(() =>
      expect(queries[queries.length - 1].release).toEqual(['block', 'warn']),
    );
    await waitFor(() => expect(bodyRows()).toHaveLength(3));
  });

  it('orders the page by budget left, overspent first', async () => {
    const { api } = fakePortfolioServer(manySlos);
    await renderPage(api);

    await screen.findByText('service-0000');
    expect(within(bodyRows()[0]).getByText('service-0003')).toBeInTheDocument();
  });

  it('pages forward with the server cursor', async () => {
    const { api, queries } = fakePortfolioServer(manySlos);
    await renderPage(api);
    await screen.findByText('service-0000');

    await userEvent.click(screen.getByRole('button', { name: /next/i }));

    expect(await screen.findByText('service-0025')).toBeInTheDocument();
    expect(screen.queryByText('service-0000')).not.toBeInTheDocument();
    expect(queries[1].cursor).toBe(Buffer.from('25').toString('base64'));
  });

  it('passes the signed-in user\u2019s teams as owner filters', async () => {
    const { api, queries } = fakePortfolioServer(manySlos);
    await renderPage(api);
    await screen.findByText('service-0000');

    await userEvent.click(screen.getByRole('switch', { name: 'My teams' }));

    await waitFor(() =>
      expect(queries[queries.length - 1].owner).toEqual([
        'user:default/ada',
        'group:default/search',
      ]),
    );
    expect(await screen.findByText('service-0001')).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.queryByText('service-0000')).not.toBeInTheDocument(),
    );
  });

  it('filters by status', async () => {
    const { api, queries } = fakePortfolioServer(manySlos);
    await renderPage(api);
    await screen.findByText('service-0000');

    await userEvent.click(screen.getByRole('button', { name: /Status/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Critical' }),
    );
    await userEvent.keyboard('{Escape}');

    await waitFor(() =>
      expect(queries[queries.length - 1].status).toEqual(['critical']),
    );
    // The overspent service and the paged one with budget left.
    await waitFor(() => expect(bodyRows()).toHaveLength(2));
    expect(within(bodyRows()[0]).getByText('service-0003')).toBeInTheDocument();
    expect(within(bodyRows()[1]).getByText('service-0005')).toBeInTheDocument();
  });

  it('filters by an owner chosen from the catalog groups', async () => {
    const { api, queries } = fakePortfolioServer(manySlos);
    await renderPage(api);
    await screen.findByText('service-0000');

    await userEvent.click(screen.getByRole('button', { name: /Owner/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'search' }),
    );
    await userEvent.keyboard('{Escape}');

    await waitFor(() =>
      expect(queries[queries.length - 1].owner).toEqual([
        'group:default/search',
      ]),
    );
    expect(await screen.findByText('service-0001')).toBeInTheDocument();
  });

  it('says so when nothing matches', async () => {
    const { api } = fakePortfolioServer([]);
    await renderPage(api);
    expect(
      await screen.findByText('No SLOs match these filters.'),
    ).toBeInTheDocument();
  });

  it('shows a server error', async () => {
    const { api } = fakePortfolioServer([]);
    api.getPortfolio = async () => {
      throw new Error('portfolio query timed out');
    };
    await renderPage(api);
    expect(
      await screen.findByText(/portfolio query timed out/),
    ).toBeInTheDocument();
  });
});
