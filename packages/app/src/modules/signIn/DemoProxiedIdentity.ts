import { ResponseError } from '@backstage/errors';
import type {
  BackstageUserIdentity,
  DiscoveryApi,
  IdentityApi,
  ProfileInfo,
} from '@backstage/frontend-plugin-api';

/** What a proxy auth provider's `/refresh` answers. */
interface ProxiedSession {
  profile: ProfileInfo;
  backstageIdentity: {
    token: string;
    expiresInSeconds?: number;
    identity: BackstageUserIdentity;
  };
}

export interface DemoProxiedIdentityOptions {
  /** The auth backend's provider id, e.g. `guest` or `demo-sre`. */
  provider: string;
  discoveryApi: DiscoveryApi;
  /** Called once when the user signs out, e.g. to forget the chosen identity. */
  onSignOut?: () => void;
  /** For tests: the clock, in milliseconds. */
  now?: () => number;
}

/** A token is renewed this long before it expires (at most half its lifetime). */
const RENEW_BEFORE_EXPIRY_MS = 5 * 60 * 1000;

/** Lifetime assumed when the backend names none (Backstage user tokens last an hour). */
const DEFAULT_LIFETIME_MS = 60 * 60 * 1000;

function parseSession(body: unknown, provider: string): ProxiedSession {
  const session = body as Partial<ProxiedSession> | undefined;
  const identity = session?.backstageIdentity?.identity;
  if (
    typeof session?.backstageIdentity?.token !== 'string' ||
    identity?.type !== 'user' ||
    typeof identity.userEntityRef !== 'string' ||
    !Array.isArray(identity.ownershipEntityRefs)
  ) {
    throw new Error(
      `The auth backend's ${provider} provider answered without a Backstage user identity`,
    );
  }
  return {
    profile: session.profile ?? {},
    backstageIdentity: session.backstageIdentity!,
  };
}

/**
 * The app's identity for a proxy auth provider of the auth backend (the
 * guest provider, the demo's SRE provider): each session is fetched from
 * `/api/auth/<provider>/refresh`, where the backend decides who signs in, and
 * renewed shortly before its token expires.
 */
export class DemoProxiedIdentity implements IdentityApi {
  /** Signs in: resolves once the backend has issued a session, rejects with its error otherwise. */
  static async signIn(
    options: DemoProxiedIdentityOptions,
  ): Promise<DemoProxiedIdentity> {
    const identity = new DemoProxiedIdentity(options);
    await identity.session();
    return identity;
  }

  private readonly abortController = new AbortController();
  private readonly now: () => number;
  private current?: { session: ProxiedSession; renewAt: number };
  private pending?: Promise<ProxiedSession>;
  private signedOut = false;

  private constructor(private readonly options: DemoProxiedIdentityOptions) {
    this.now = options.now ?? Date.now;
  }

  async getProfileInfo(): Promise<ProfileInfo> {
    return (await this.session()).profile;
  }

  async getBackstageIdentity(): Promise<BackstageUserIdentity> {
    return (await this.session()).backstageIdentity.identity;
  }

  async getCredentials(): Promise<{ token?: string }> {
    return { token: (await this.session()).backstageIdentity.token };
  }

  async signOut(): Promise<void> {
    if (this.signedOut) {
      return;
    }
    this.signedOut = true;
    this.abortController.abort();
    this.current = undefined;
    this.pending = undefined;
    this.options.onSignOut?.();
  }

  /** The current session, fetched anew when none is held or its token is about to expire. */
  private async session(): Promise<ProxiedSession> {
    if (this.signedOut) {
      throw new Error('Signed out: sign in again to continue');
    }
    if (this.current && this.now() < this.current.renewAt) {
      return this.current.session;
    }
    if (!this.pending) {
      this.pending = this.fetchSession().finally(() => {
        this.pending = undefined;
      });
    }
    return this.pending;
  }

  private async fetchSession(): Promise<ProxiedSession> {
    const { provider, discoveryApi } = this.options;
    const baseUrl = await discoveryApi.getBaseUrl('auth');
    const requestedAt = this.now();
    const response = await fetch(
      `${baseUrl}/${encodeURIComponent(provider)}/refresh`,
      {
        method: 'GET',
        headers: { 'X-Requested-With': 'XMLHttpRequest' },
        credentials: 'include',
        signal: this.abortController.signal,
      },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const session = parseSession(await response.json(), provider);
    const lifetimeMs =
      typeof session.backstageIdentity.expiresInSeconds === 'number'
        ? session.backstageIdentity.expiresInSeconds * 1000
        : DEFAULT_LIFETIME_MS;
    const renewBeforeMs = Math.min(RENEW_BEFORE_EXPIRY_MS, lifetimeMs / 2);
    if (!this.signedOut) {
      this.current = {
        session,
        renewAt: requestedAt + lifetimeMs - renewBeforeMs,
      };
    }
    return session;
  }
}
