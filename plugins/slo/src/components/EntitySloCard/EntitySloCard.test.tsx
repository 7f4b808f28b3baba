import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import type {
  EntitySlosResponse,
  GateDecision,
  SloApi,
  SloGateApi,
} from '@slo-kit/plugin-slo-common';
import { sloApiRef } from '../../api/sloApiRef';
import { sloGateApiRef } from '../../api/sloGateApiRef';
import {
  activeOverride,
  advisoryDecision,
  allowedDecision,
  blockedDecision,
  fakeGateApi,
  overriddenDecision,
  warningDecision,
} from '../../__fixtures__/gateFixtures';
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

/** Groups by their display names, as the catalog presents them. */
const presentationApi = {
  forEntity: (entityRef: string) => {
    const titles: Record<string, string> = {
      'group:default/sre': 'Site Reliability Engineering',
      'group:default/payments': 'Payments',
    };
    const snapshot = {
      entityRef,
      primaryTitle: titles[entityRef] ?? entityRef,
    };
    return { snapshot, promise: Promise.resolve(snapshot) };
  },
};

async function renderCard(
  api: SloApi,
  entity = checkoutEntity,
  gateApi: SloGateApi = fakeGateApi(),
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [sloApiRef, api],
        [sloGateApiRef, gateApi],
        [entityPresentationApiRef, presentationApi as any],
      ]}
    >
      <EntityProvider entity={entity}>
        <EntitySloCard now={FIXTURE_NOW} />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('EntitySloCard', () => {
  it('shows ownership, objectives, SLI, budget and status from the entity request', async () => {
    const api = fakeSloApi(async () => checkoutResponse);
    await renderCard(api);

    expect(
      await screen.findByText('Checkout availability'),
    ).toBeInTheDocument();
    expect(api.calls).toEqual(['Component:default/checkout-api']);

    const ownership = screen.getByLabelText('Ownership');
    expect(within(ownership).getByText('Service owner:')).toBeInTheDocument();
    expect(
      within(ownership).getByRole('link', { name: /Payments/ }),
    ).toBeInTheDocument();
    expect(
      within(ownership).getByRole('link', {
        name: /Site Reliability Engineering/,
      }),
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

  it('says since when the SLI source of a pulled SLO has been unreachable, and why', async () => {
    const response: EntitySlosResponse = {
      ...checkoutResponse,
      slos: [
        {
          ...sloSummary(availabilityDefinition, healthyEvaluation),
          sources: [
            {
              type: 'prometheus',
              pulledThrough: '2026-03-10T11:40:00.000Z',
              backfillFrom: '2026-02-08T12:00:00.000Z',
              unreachableSince: '2026-03-10T11:41:00.000Z',
              error: 'connect ECONNREFUSED 10.0.0.9:9090',
            },
          ],
        },
      ],
    };
    await renderCard(fakeSloApi(async () => response));

    const line = await screen.findByLabelText('prometheus source unreachable');
    expect(line).toHaveTextContent(
      /^Source prometheus unreachable since .+: connect ECONNREFUSED 10\.0\.0\.9:9090\. Minutes since then have no data until it answers again; they are filled then\.$/,
    );
    expect(line).toHaveTextContent(
      new Date('2026-03-10T11:41:00.000Z').toLocaleString(undefined, {
        dateStyle: 'medium',
        timeStyle: 'short',
      }),
    );
  });

  it('says nothing about the source while pulls succeed', async () => {
    const response: EntitySlosResponse = {
      ...checkoutResponse,
      slos: [
        {
          ...sloSummary(availabilityDefinition, healthyEvaluation),
          sources: [
            {
              type: 'prometheus',
              pulledThrough: '2026-03-10T11:59:00.000Z',
              backfillFrom: '2026-02-08T12:00:00.000Z',
              unreachableSince: null,
              error: null,
            },
          ],
        },
      ],
    };
    await renderCard(fakeSloApi(async () => response));

    expect(await screen.findByText(/Current SLI/)).toBeInTheDocument();
    expect(screen.queryByText(/unreachable/)).not.toBeInTheDocument();
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
  describe('release line', () => {
    async function renderWithDecision(decision: () => Promise<GateDecision>) {
      const gateApi = fakeGateApi({ decision });
      await renderCard(
        fakeSloApi(async () => checkoutResponse),
        checkoutEntity,
        gateApi,
      );
      await screen.findByText('Checkout availability');
      return gateApi;
    }

    it('says blocked with the reason that blocks and who decides, under the ownership line', async () => {
      const gateApi = await renderWithDecision(async () => blockedDecision);

      const line = await screen.findByRole('group', { name: 'Release' });
      expect(gateApi.decisionCalls).toEqual(['Component:default/checkout-api']);
      expect(within(line).getByText('Blocked:')).toBeInTheDocument();
      // The block, not the ticket-alert warning the policy lists first.
      expect(
        within(line).getByText(
          'Checkout availability error budget exhausted (\u221238 %).',
        ),
      ).toBeInTheDocument();
      expect(
        within(line).getByRole('link', {
          name: 'Site Reliability Engineering',
        }),
      ).toBeInTheDocument();
      expect(line).toHaveTextContent(
        'Blocked: Checkout availability error budget exhausted (\u221238 %). Site Reliability Engineering decides.',
      );
      expect(within(line).getByText('+2 more reasons')).toBeInTheDocument();
      expect(line.querySelector('[data-release="block"]')).not.toBeNull();
      // Right under the ownership line.
      expect(screen.getByLabelText('Ownership').nextElementSibling).toBe(line);
    });

    it('says warning with its reason', async () => {
      await renderWithDecision(async () => warningDecision);

      const line = await screen.findByRole('group', { name: 'Release' });
      expect(line).toHaveTextContent(
        'Warning: Checkout latency ticket alert firing: burning 3.1\u00d7 over 1d and 3.1\u00d7 over 2h (threshold 3\u00d7). Site Reliability Engineering decides.',
      );
      expect(within(line).queryByText(/more reason/)).not.toBeInTheDocument();
    });

    it('says "would block (advisory)" under an advisory policy, never "blocked"', async () => {
      await renderWithDecision(async () => advisoryDecision);

      const line = await screen.findByRole('group', { name: 'Release' });
      expect(line).toHaveTextContent(
        'Would block (advisory): Checkout availability error budget exhausted (\u221238 %). Site Reliability Engineering decides.',
      );
      expect(within(line).queryByText(/Blocked/)).not.toBeInTheDocument();
    });

    it('says allowed when no rule fires', async () => {
      await renderWithDecision(async () => allowedDecision);

      const line = await screen.findByRole('group', { name: 'Release' });
      expect(line).toHaveTextContent(
        'Allowed: no rule of the default policy fires.',
      );
      expect(within(line).queryByText(/decides/)).not.toBeInTheDocument();
    });

    it('says allowed by override, whose, until which day and why, while an override lets releases through', async () => {
      await renderWithDecision(async () =>
        overriddenDecision(blockedDecision, activeOverride),
      );

      const line = await screen.findByRole('group', { name: 'Release' });
      // The day in the reader's locale ("Nov 30" in en-US, "30 Nov" in en-GB).
      const day = new Date(activeOverride.expiresAt).toLocaleDateString(
        undefined,
        { month: 'short', day: 'numeric' },
      );
      expect(day).toMatch(/^(Nov 30|30 Nov)$/);
      expect(line).toHaveTextContent(
        `Allowed by override \u2014 sam.sre until ${day}: hotfix for INC-42`,
      );
      expect(line.querySelector('[data-release="allow"]')).not.toBeNull();
      const until = line.querySelector('time')!;
      expect(until).toHaveAttribute('dateTime', activeOverride.expiresAt);
      // The blocking reasons stay on the Reliability tab, not on the line.
      expect(
        within(line).queryByText(/Blocked|decides|more reason/),
      ).toBeNull();
    });

    it('says when nobody is named to decide', async () => {
      await renderWithDecision(async () => ({
        ...warningDecision,
        decidedBy: null,
      }));

      const line = await screen.findByRole('group', { name: 'Release' });
      expect(
        within(line).getByText('Nobody is named to decide.'),
      ).toBeInTheDocument();
    });

    it('shows a failed gate call in place of the line, keeps the SLOs and retries', async () => {
      let attempts = 0;
      await renderWithDecision(async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('gate unavailable');
        return blockedDecision;
      });

      expect(
        await screen.findByText('Could not load the release decision'),
      ).toBeInTheDocument();
      expect(screen.getByText('gate unavailable')).toBeInTheDocument();
      expect(screen.getByLabelText('Ownership')).toBeInTheDocument();
      expect(
        within(screen.getByRole('list', { name: 'SLOs' })).getAllByRole(
          'listitem',
        ),
      ).toHaveLength(2);

      await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
      expect(
        await screen.findByRole('group', { name: 'Release' }),
      ).toHaveTextContent('Blocked:');
      expect(attempts).toBe(2);
    });
  });
});
