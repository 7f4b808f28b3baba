import type { IdentityApi } from '@backstage/frontend-plugin-api';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DemoSignInPage } from './DemoSignInPage';
import { DEMO_IDENTITY_STORAGE_KEY } from './demoIdentities';
import {
  AUTH_BASE_URL,
  fakeAuthBackend,
  useGlobalFetch,
} from './__testUtils__/fakeAuthBackend';

/** Renders the page; resolves once it shows the choice or has signed in. */
async function renderPage() {
  const signedIn: IdentityApi[] = [];
  renderInTestApp(
    <DemoSignInPage onSignInSuccess={identity => signedIn.push(identity)} />,
    {
      apis: [mockApis.discovery({ baseUrl: 'http://localhost:7007' })],
      config: { app: { title: 'SLO Kit' } },
    },
  );
  await waitFor(() =>
    expect(
      signedIn.length > 0 || screen.queryByText('Sign in to the demo'),
    ).toBeTruthy(),
  );
  return signedIn;
}

describe('DemoSignInPage', () => {
  let backend = fakeAuthBackend();
  useGlobalFetch(() => backend.fetch);
  beforeEach(() => {
    backend = fakeAuthBackend();
    window.localStorage.clear();
  });

  it('offers both sides of the demo', async () => {
    await renderPage();

    expect(
      screen.getByText('Guest — Payments team (service owner)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Sam Okafor — Site Reliability Engineering (SRE owner)'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Enter' })).toBeEnabled();
    expect(
      screen.getByRole('button', { name: 'Sign in as SRE' }),
    ).toBeEnabled();
    // Browser tests find the guest's button by the name "Enter", which
    // matches any name containing it: the SRE's must not.
    expect(
      screen.getAllByRole('button', { name: /enter/i }).map(b => b.textContent),
    ).toEqual(['Enter']);
    expect(backend.requests).toEqual([]);
  });

  it('signs in as the SRE and remembers the choice', async () => {
    const signedIn = await renderPage();

    await userEvent.click(
      screen.getByRole('button', { name: 'Sign in as SRE' }),
    );

    await waitFor(() => expect(signedIn).toHaveLength(1));
    await expect(signedIn[0].getBackstageIdentity()).resolves.toMatchObject({
      userEntityRef: 'user:default/sam.sre',
      ownershipEntityRefs: ['user:default/sam.sre', 'group:default/sre'],
    });
    expect(backend.requests.map(r => r.url)).toEqual([
      `${AUTH_BASE_URL}/demo-sre/refresh`,
    ]);
    expect(window.localStorage.getItem(DEMO_IDENTITY_STORAGE_KEY)).toBe('sre');
  });

  it('signs in as the guest', async () => {
    const signedIn = await renderPage();

    await userEvent.click(screen.getByRole('button', { name: 'Enter' }));

    await waitFor(() => expect(signedIn).toHaveLength(1));
    await expect(signedIn[0].getBackstageIdentity()).resolves.toMatchObject({
      userEntityRef: 'user:default/guest',
    });
    expect(window.localStorage.getItem(DEMO_IDENTITY_STORAGE_KEY)).toBe(
      'guest',
    );
  });

  it('after a reload, signs in again as the remembered side without asking', async () => {
    window.localStorage.setItem(DEMO_IDENTITY_STORAGE_KEY, 'sre');

    const signedIn = await renderPage();

    await waitFor(() => expect(signedIn).toHaveLength(1));
    await expect(signedIn[0].getBackstageIdentity()).resolves.toMatchObject({
      userEntityRef: 'user:default/sam.sre',
    });
    expect(screen.queryByRole('button', { name: 'Enter' })).toBeNull();
  });

  it('forgets the choice on sign-out, so the next visit asks again', async () => {
    const signedIn = await renderPage();
    await userEvent.click(
      screen.getByRole('button', { name: 'Sign in as SRE' }),
    );
    await waitFor(() => expect(signedIn).toHaveLength(1));

    await signedIn[0].signOut();

    expect(window.localStorage.getItem(DEMO_IDENTITY_STORAGE_KEY)).toBeNull();
  });

  it("shows the backend's refusal on the chosen card and forgets the choice", async () => {
    backend = fakeAuthBackend({
      refusing: ['demo-sre'],
      reason:
        'The demo-sre demo sign-in only works when the backend runs with NODE_ENV=development',
    });
    window.localStorage.setItem(DEMO_IDENTITY_STORAGE_KEY, 'sre');

    const signedIn = await renderPage();

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not sign in: Request failed with 403 Forbidden: The demo-sre demo sign-in only works when the backend runs with NODE_ENV=development',
    );
    expect(signedIn).toEqual([]);
    expect(window.localStorage.getItem(DEMO_IDENTITY_STORAGE_KEY)).toBeNull();
    expect(screen.getByRole('button', { name: 'Enter' })).toBeEnabled();
  });
});
