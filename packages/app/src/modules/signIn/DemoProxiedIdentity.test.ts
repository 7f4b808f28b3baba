import { mockApis } from '@backstage/frontend-test-utils';
import { DemoProxiedIdentity } from './DemoProxiedIdentity';
import {
  AUTH_BASE_URL,
  fakeAuthBackend,
  useGlobalFetch,
} from './__testUtils__/fakeAuthBackend';

const discoveryApi = mockApis.discovery({ baseUrl: 'http://localhost:7007' });

describe('DemoProxiedIdentity', () => {
  let backend = fakeAuthBackend();
  useGlobalFetch(() => backend.fetch);
  beforeEach(() => {
    backend = fakeAuthBackend();
  });

  it("signs in through the provider's refresh route with the browser's cookies", async () => {
    const identity = await DemoProxiedIdentity.signIn({
      provider: 'demo-sre',
      discoveryApi,
    });

    expect(backend.requests).toEqual([
      {
        url: `${AUTH_BASE_URL}/demo-sre/refresh`,
        method: 'GET',
        headers: { 'x-requested-with': 'XMLHttpRequest' },
        credentials: 'include',
      },
    ]);
    await expect(identity.getBackstageIdentity()).resolves.toEqual({
      type: 'user',
      userEntityRef: 'user:default/sam.sre',
      ownershipEntityRefs: ['user:default/sam.sre', 'group:default/sre'],
    });
    await expect(identity.getProfileInfo()).resolves.toEqual({
      displayName: 'Sam Okafor',
    });
    await expect(identity.getCredentials()).resolves.toEqual({
      token: 'token-1',
    });
  });

  it('keeps the token until five minutes before it expires, then fetches a new one', async () => {
    let now = 1_000_000;
    const identity = await DemoProxiedIdentity.signIn({
      provider: 'guest',
      discoveryApi,
      now: () => now,
    });

    now += 54 * 60 * 1000;
    await expect(identity.getCredentials()).resolves.toEqual({
      token: 'token-1',
    });
    now += 60 * 1000 + 1;
    await expect(identity.getCredentials()).resolves.toEqual({
      token: 'token-2',
    });
    expect(backend.requests).toHaveLength(2);
  });

  it('renews a short-lived token halfway through its life', async () => {
    backend = fakeAuthBackend({ expiresInSeconds: 60 });
    let now = 0;
    const identity = await DemoProxiedIdentity.signIn({
      provider: 'guest',
      discoveryApi,
      now: () => now,
    });

    now = 29_000;
    await expect(identity.getCredentials()).resolves.toEqual({
      token: 'token-1',
    });
    now = 30_000;
    await expect(identity.getCredentials()).resolves.toEqual({
      token: 'token-2',
    });
  });

  it('asks the backend once for callers waiting at the same time', async () => {
    let now = 0;
    const identity = await DemoProxiedIdentity.signIn({
      provider: 'guest',
      discoveryApi,
      now: () => now,
    });
    now = 2 * 60 * 60 * 1000;

    const tokens = await Promise.all([
      identity.getCredentials(),
      identity.getCredentials(),
      identity.getBackstageIdentity(),
    ]);

    expect(tokens[0]).toEqual({ token: 'token-2' });
    expect(tokens[1]).toEqual({ token: 'token-2' });
    expect(backend.requests).toHaveLength(2);
  });

  it("fails with the backend's reason when the provider refuses", async () => {
    backend = fakeAuthBackend({
      refusing: ['demo-sre'],
      reason: 'only works when the backend runs with NODE_ENV=development',
    });

    const signIn = DemoProxiedIdentity.signIn({
      provider: 'demo-sre',
      discoveryApi,
    });

    await expect(signIn).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 403,
      cause: {
        message: 'only works when the backend runs with NODE_ENV=development',
      },
    });
  });

  it('signs out once: tells the page, and answers nothing afterwards', async () => {
    const onSignOut = jest.fn();
    const identity = await DemoProxiedIdentity.signIn({
      provider: 'demo-sre',
      discoveryApi,
      onSignOut,
    });

    await identity.signOut();
    await identity.signOut();

    expect(onSignOut).toHaveBeenCalledTimes(1);
    await expect(identity.getCredentials()).rejects.toThrow('Signed out');
    expect(backend.requests).toHaveLength(1);
  });
});
