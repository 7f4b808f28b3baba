import { SloClient } from '@slo-kit/plugin-slo-common';

/** Where a command reaches the portal and how it signs its requests. */
export interface PortalOptions {
  /** The portal's backend base URL, e.g. https://backstage.example.com */
  url: string;
  /** A Backstage access token (`backend.auth.externalAccess`), sent as a bearer token. */
  token: string;
}

/** The SLO Kit API of the portal at `url` (`<url>/api/slo`). */
export function portalClient(url: string): SloClient {
  const base = url.replace(/\/+$/, '');
  return new SloClient({
    discoveryApi: { getBaseUrl: async pluginId => `${base}/api/${pluginId}` },
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });
}

/** Why the portal could not be asked, as one line: the backend's own message when it gave one. */
export function describeRequestFailure(error: unknown): string {
  const { cause, statusCode, message } = error as {
    cause?: { message?: string };
    statusCode?: number;
    message?: string;
  };
  if (statusCode !== undefined) {
    return `the portal answered ${statusCode}: ${cause?.message ?? message}`;
  }
  return `the portal could not be reached: ${message ?? String(error)}`;
}
