import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { ResponseError } from '@backstage/errors';
import {
  AuthorizeResult,
  type EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import type { Ownership, SloGateApi } from '@slo-kit/plugin-slo-common';
import { SWRConfig } from 'swr';
import { sloGateApiRef } from '../../api/sloGateApiRef';
import {
  activeOverride,
  expiredOverride,
  fakeGateApi,
  revokedOverride,
} from '../../__fixtures__/gateFixtures';
import {
  checkoutEntity,
  checkoutResponse,
  emptyResponse,
} from '../../__fixtures__/sloFixtures';
import { ReleaseGateSection } from './ReleaseGateSection';

jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 8_000 });

const HOUR_MS = 3_600_000;

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

/** A permission API answering `result` and keeping what it was asked. */
function permissionsAnswering(
  result: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
) {
  const requests: EvaluatePermissionRequest[] = [];
  const api = mockApis.permission({
    authorize: request => {
      requests.push(request);
      return result;
    },
  });
  return { api, requests };
}

async function renderSection(options: {
  gateApi: SloGateApi;
  permissionApi: ReturnType<typeof mockApis.permission.mock> | object;
  ownership?: Ownership;
}) {
  return renderInTestApp(
    // A fresh permission cache per test: usePermission keeps answers by request.
    <SWRConfig value={{ provider: () => new Map() }}>
      <TestApiProvider
        apis={[
          [sloGateApiRef, options.gateApi],
          [permissionApiRef, options.permissionApi as any],
          [entityPresentationApiRef, presentationApi as any],
        ]}
      >
        <EntityProvider entity={checkoutEntity}>
          <ReleaseGateSection
            sloTitles={new Map()}
            ownership={options.ownership ?? checkoutResponse.ownership}
          />
        </EntityProvider>
      </TestApiProvider>
    </SWRConfig>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

/** An HTTP error answer with a JSON body, as the backend sends it. */
function errorResponse(
  status: number,
  statusText: string,
  body: unknown,
): Response {
  return {
    status,
    statusText,
    headers: new Headers({ 'Content-Type': 'application/json' }),
    text: async () => JSON.stringify(body),
  } as Response;
}

/** The rows of the override history, header first. */
async function historyRows() {
  const history = await screen.findByRole('region', {
    name: 'Override history',
  });
  return within(history).getAllByRole('row');
}

describe('ReleaseGateSection overrides', () => {
  it('offers "Override" to people the policy lets override the entity, and no sentence', async () => {
    const permissions = permissionsAnswering(AuthorizeResult.ALLOW);
    await renderSection({
      gateApi: fakeGateApi(),
      permissionApi: permissions.api,
    });

    expect(
      await screen.findByRole('button', { name: 'Override' }),
    ).toBeInTheDocument();
    expect(permissions.requests).toEqual([
      {
        permission: expect.objectContaining({
          name: 'slo.gate.override',
          resourceType: 'catalog-entity',
        }),
        resourceRef: 'component:default/checkout-api',
      },
    ]);
    expect(screen.queryByText(/can override the release gate/)).toBeNull();
    expect(screen.getByText('No override is active.')).toBeInTheDocument();
  });

  it('names who can override instead of a button when the permission is denied', async () => {
    await renderSection({
      gateApi: fakeGateApi({ overrides: [activeOverride] }),
      permissionApi: permissionsAnswering(AuthorizeResult.DENY).api,
    });

    const sentence = await screen.findByText(/can override the release gate/);
    expect(sentence).toHaveTextContent(
      'Only Site Reliability Engineering (the SRE owner) can override the release gate.',
    );
    expect(
      within(sentence).getByRole('link', {
        name: 'Site Reliability Engineering',
      }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Override' })).toBeNull();
    // The active override is shown to everyone; only revoking is withheld.
    const active = screen.getByRole('list', { name: 'Active overrides' });
    expect(active).toHaveTextContent(
      /^Allowed by override — sam\.sre until .+: hotfix for INC-42$/,
    );
    expect(screen.queryByRole('button', { name: 'Revoke' })).toBeNull();
  });

  it('says nobody is named when the service has no SRE owner', async () => {
    await renderSection({
      gateApi: fakeGateApi(),
      permissionApi: permissionsAnswering(AuthorizeResult.DENY).api,
      ownership: emptyResponse.ownership,
    });
    expect(
      await screen.findByText(
        'Only the SRE owner can override the release gate, and this service names none (annotation slo-kit.dev/sre-owner).',
      ),
    ).toBeInTheDocument();
  });

  it('shows neither button nor sentence while the permission is being checked', async () => {
    const gateApi = fakeGateApi({ overrides: [activeOverride] });
    await renderSection({
      gateApi,
      permissionApi: mockApis.permission.mock({
        authorize: () => new Promise(() => {}),
      }),
    });

    expect(
      await screen.findByRole('list', { name: 'Active overrides' }),
    ).toBeInTheDocument();
    expect(await historyRows()).toHaveLength(2);
    expect(screen.queryByRole('button', { name: 'Override' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Revoke' })).toBeNull();
    expect(screen.queryByText(/can override the release gate/)).toBeNull();
  });

  it('grants an override with the reason and chosen expiry, then shows the refreshed decision and history', async () => {
    const gateApi = fakeGateApi();
    await renderSection({
      gateApi,
      permissionApi: permissionsAnswering(AuthorizeResult.ALLOW).api,
    });
    expect(await screen.findByLabelText('Release decision')).toHaveTextContent(
      'Decision: Blocked',
    );
    expect(gateApi.decisionCalls).toHaveLength(1);
    expect(gateApi.overrideListCalls).toEqual([
      'component:default/checkout-api',
    ]);

    await userEvent.click(screen.getByRole('button', { name: 'Override' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Override the release gate',
    });
    // One day unless chosen otherwise.
    expect(within(dialog).getByRole('radio', { name: '1 day' })).toBeChecked();
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Reason/ }),
      '  hotfix for INC-42 ',
    );
    await userEvent.click(
      within(dialog).getByRole('radio', { name: '4 hours' }),
    );
    const before = Date.now();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Grant override' }),
    );

    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    const after = Date.now();
    expect(gateApi.grantCalls).toHaveLength(1);
    const [request] = gateApi.grantCalls;
    expect(request).toEqual({
      entityRef: 'component:default/checkout-api',
      reason: 'hotfix for INC-42',
      expiresAt: expect.any(String),
    });
    const expiresAt = Date.parse(request.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 4 * HOUR_MS);
    expect(expiresAt).toBeLessThanOrEqual(after + 4 * HOUR_MS);

    // The decision and the overrides are asked again and shown without a
    // loading state in between.
    await waitFor(() =>
      expect(screen.getByLabelText('Release decision')).toHaveTextContent(
        'Decision: Allowed by override',
      ),
    );
    expect(gateApi.decisionCalls).toHaveLength(2);
    expect(gateApi.overrideListCalls).toHaveLength(2);
    const active = screen.getByRole('list', { name: 'Active overrides' });
    expect(active).toHaveTextContent(
      /^Allowed by override — sam\.sre until .+: hotfix for INC-42Revoke$/,
    );
    expect(
      within(active).getByRole('button', { name: 'Revoke' }),
    ).toBeInTheDocument();
    const rows = await historyRows();
    expect(rows).toHaveLength(2);
    expect(rows[1]).toHaveTextContent('hotfix for INC-42');
    expect(within(rows[1]).getByText('Active')).toBeInTheDocument();
  });

  it('sends the environment when one is named', async () => {
    const gateApi = fakeGateApi();
    await renderSection({
      gateApi,
      permissionApi: permissionsAnswering(AuthorizeResult.ALLOW).api,
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Override' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Reason/ }),
      'canary of the hotfix only',
    );
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Environment/ }),
      'production',
    );
    await userEvent.click(
      within(dialog).getByRole('radio', { name: '1 hour' }),
    );
    const before = Date.now();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Grant override' }),
    );
    await waitFor(() => expect(gateApi.grantCalls).toHaveLength(1));
    expect(gateApi.grantCalls[0]).toMatchObject({
      environment: 'production',
      reason: 'canary of the hotfix only',
    });
    expect(Date.parse(gateApi.grantCalls[0].expiresAt)).toBeLessThanOrEqual(
      Date.now() + HOUR_MS,
    );
    expect(Date.parse(gateApi.grantCalls[0].expiresAt)).toBeGreaterThanOrEqual(
      before + HOUR_MS,
    );
    // An override for one environment does not change the portal's decision.
    const active = await screen.findByRole('list', {
      name: 'Active overrides',
    });
    expect(active).toHaveTextContent('(only releases to production)');
  });

  it('asks for a reason of at least 10 characters before sending anything', async () => {
    const gateApi = fakeGateApi();
    await renderSection({
      gateApi,
      permissionApi: permissionsAnswering(AuthorizeResult.ALLOW).api,
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Override' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Override the release gate',
    });
    const reason = within(dialog).getByRole('textbox', { name: /Reason/ });
    await userEvent.type(reason, 'hotfix   ');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Grant override' }),
    );

    expect(
      await within(dialog).findByText(
        'Say why in at least 10 characters (6 so far).',
      ),
    ).toBeInTheDocument();
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(gateApi.grantCalls).toEqual([]);
    expect(screen.getByRole('dialog')).toBeInTheDocument();

    // The message follows the reason and goes once it is long enough.
    await userEvent.type(reason, 'INC-42');
    await waitFor(() =>
      expect(
        within(dialog).queryByText(/Say why in at least 10 characters/),
      ).toBeNull(),
    );
  });

  it("shows the backend's refusal in the dialog and keeps it open", async () => {
    const gateApi = fakeGateApi({
      grant: async () => {
        // What the client throws for the backend's 400 answer.
        throw await ResponseError.fromResponse(
          errorResponse(400, 'Bad Request', {
            error: {
              name: 'InputError',
              message:
                'expiresAt: must be at most 3 days ahead (slo.gate.overrides.maxDuration)',
            },
            request: { method: 'POST', url: '/v1/gate/overrides' },
            response: { statusCode: 400 },
          }),
        );
      },
    });
    await renderSection({
      gateApi,
      permissionApi: permissionsAnswering(AuthorizeResult.ALLOW).api,
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Override' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Reason/ }),
      'hotfix for INC-42',
    );
    await userEvent.click(
      within(dialog).getByRole('radio', { name: '7 days' }),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Grant override' }),
    );

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('The override was not granted');
    expect(alert).toHaveTextContent(
      'expiresAt: must be at most 3 days ahead (slo.gate.overrides.maxDuration)',
    );
    expect(gateApi.grantCalls).toHaveLength(1);
    // Seven days, kept a minute short of the backend's default maximum.
    const expiresIn = Date.parse(gateApi.grantCalls[0].expiresAt) - Date.now();
    expect(expiresIn).toBeLessThan(7 * 24 * HOUR_MS);
    expect(expiresIn).toBeGreaterThan(7 * 24 * HOUR_MS - 2 * 60_000);
    expect(screen.getByRole('dialog')).toBeInTheDocument();
    expect(gateApi.decisionCalls).toHaveLength(1);
  });

  it('revokes an active override with a reason and shows the gate blocking again', async () => {
    const gateApi = fakeGateApi({ overrides: [activeOverride] });
    await renderSection({
      gateApi,
      permissionApi: permissionsAnswering(AuthorizeResult.ALLOW).api,
    });
    expect(await screen.findByLabelText('Release decision')).toHaveTextContent(
      'Decision: Allowed by override',
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Revoke' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Revoke the override',
    });
    expect(dialog).toHaveTextContent(
      /Allowed by override — sam\.sre until .+: hotfix for INC-42\./,
    );
    const reason = within(dialog).getByRole('textbox', { name: /Reason/ });
    await userEvent.type(reason, 'shipped');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Revoke override' }),
    );
    expect(
      await within(dialog).findByText(
        'Say why in at least 10 characters (7 so far).',
      ),
    ).toBeInTheDocument();
    expect(gateApi.revokeCalls).toEqual([]);

    await userEvent.type(reason, ', budget policy applies again');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Revoke override' }),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(gateApi.revokeCalls).toEqual([
      { id: 'ov-3', reason: 'shipped, budget policy applies again' },
    ]);
    await waitFor(() =>
      expect(screen.getByLabelText('Release decision')).toHaveTextContent(
        'Decision: Blocked',
      ),
    );
    expect(screen.getByText('No override is active.')).toBeInTheDocument();
    const rows = await historyRows();
    expect(within(rows[1]).getByText('Revoked')).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent('shipped, budget policy applies again');
  });

  it('lists every override with its state, who granted it, why, until when and who revoked it', async () => {
    const gateApi = fakeGateApi({
      overrides: [activeOverride, revokedOverride, expiredOverride],
    });
    await renderSection({
      gateApi,
      permissionApi: permissionsAnswering(AuthorizeResult.DENY).api,
    });

    const rows = await historyRows();
    expect(
      within(rows[0])
        .getAllByRole('columnheader')
        .map(header => header.textContent),
    ).toEqual([
      'Granted',
      'Granted by',
      'Reason',
      'Lets through',
      'Until',
      'State',
      'Revoked',
    ]);
    expect(rows).toHaveLength(4);
    const cells = (row: HTMLElement) =>
      [...row.children].map(cell => cell.textContent);

    const [, active, revoked, expired] = rows.map(cells);
    expect(active.slice(1, 4)).toEqual([
      'sam.sre',
      'hotfix for INC-42',
      'every release',
    ]);
    expect(active.slice(5)).toEqual(['Active', '\u2014']);
    expect(active[4]).toMatch(/30/);

    expect(revoked.slice(1, 4)).toEqual([
      'ada',
      'load test of the new card processor',
      'releases to staging',
    ]);
    expect(revoked[5]).toBe('Revoked');
    expect(revoked[6]).toMatch(/^by sam\.sre, .+load test finished early$/);

    expect(expired.slice(1, 4)).toEqual([
      'sam.sre',
      'security patch outside the exempt types',
      'version 2.13.9',
    ]);
    expect(expired.slice(5)).toEqual(['Expired', '\u2014']);
    expect(gateApi.overrideListCalls).toEqual([
      'component:default/checkout-api',
    ]);
  });

  it('says when there is no override yet, and shows a failed history load with a retry', async () => {
    let attempts = 0;
    await renderSection({
      gateApi: fakeGateApi({
        listOverrides: async () => {
          attempts += 1;
          if (attempts === 1) throw new Error('override store offline');
          return [];
        },
      }),
      permissionApi: permissionsAnswering(AuthorizeResult.DENY).api,
    });
    expect(
      await screen.findByText('Could not load the override history'),
    ).toBeInTheDocument();
    expect(screen.getByText('override store offline')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(
      await screen.findByText(
        'No override yet: the SRE owner may let releases through a block for a bounded time, with a reason.',
      ),
    ).toBeInTheDocument();
  });
});
