export const AUTH_BASE_URL = 'http://localhost:7007/api/auth';

/** The demo organisation's users, as the auth backend's proxy providers sign them in. */
const USERS: Record<
  string,
  { userEntityRef: string; groups: string[]; displayName?: string }
> = {
  guest: {
    userEntityRef: 'user:default/guest',
    groups: ['group:default/payments'],
  },
  'demo-sre': {
    userEntityRef: 'user:default/sam.sre',
    groups: ['group:default/sre'],
    displayName: 'Sam Okafor',
  },
};

export interface FakeAuthRequest {
  url: string;
  method?: string;
  headers: Record<string, string>;
  credentials?: RequestCredentials;
}

function jsonResponse(status: number, statusText: string, body: unknown) {
  const text = JSON.stringify(body);
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText,
    headers: new Headers({ 'content-type': 'application/json' }),
    json: async () => JSON.parse(text),
    text: async () => text,
  };
}

/**
 * Stands in for the auth backend's `/api/auth/<provider>/refresh` routes in
 * `fetch`: each call issues a new token (`token-1`, `token-2`, …) lasting
 * `expiresInSeconds`; providers listed in `refusing` answer 403 with `reason`.
 */
export function fakeAuthBackend(
  options: {
    expiresInSeconds?: number;
    refusing?: string[];
    reason?: string;
  } = {},
) {
  const requests: FakeAuthRequest[] = [];
  let issued = 0;

  const fetch = jest.fn(async (input: string, init: RequestInit = {}) => {
    requests.push({
      url: input,
      method: init.method,
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      credentials: init.credentials,
    });
    const match = new RegExp(`^${AUTH_BASE_URL}/([^/]+)/refresh$`).exec(input);
    const provider = match?.[1];
    if (!provider || !USERS[provider]) {
      return jsonResponse(404, 'Not Found', {
        error: {
          name: 'NotFoundError',
          message: `No auth provider registered for '${provider}'`,
        },
        response: { statusCode: 404 },
      });
    }
    if (options.refusing?.includes(provider)) {
      return jsonResponse(403, 'Forbidden', {
        error: { name: 'NotAllowedError', message: options.reason },
        response: { statusCode: 403 },
      });
    }
    const user = USERS[provider];
    issued += 1;
    return jsonResponse(200, 'OK', {
      profile: user.displayName ? { displayName: user.displayName } : {},
      backstageIdentity: {
        token: `token-${issued}`,
        expiresInSeconds: options.expiresInSeconds ?? 3600,
        identity: {
          type: 'user',
          userEntityRef: user.userEntityRef,
          ownershipEntityRefs: [user.userEntityRef, ...user.groups],
        },
      },
    });
  });

  return { fetch, requests };
}

/** Installs `fetch` as the global fetch for the current test file. */
export function useGlobalFetch(get: () => unknown) {
  const original = (globalThis as any).fetch;
  beforeEach(() => {
    (globalThis as any).fetch = (...args: unknown[]) =>
      (get() as (...a: unknown[]) => unknown)(...args);
  });
  afterEach(() => {
    (globalThis as any).fetch = original;
  });
}
