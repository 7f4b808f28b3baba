/** One side of the demo a visitor can play, signed in through an auth backend provider. */
export interface DemoIdentity {
  /** Remembered in the browser, so a reload keeps the choice. */
  id: 'guest' | 'sre';
  /** The auth backend's provider id. */
  provider: string;
  title: string;
  description: string;
  /** The button's label and accessible name. */
  action: string;
}

/**
 * The demo's two sides: the team that owns a service, and the SRE owner who
 * decides when its reliability is no longer acceptable. Both sign-ins work
 * only when the backend runs in development (see docs/security.md).
 */
export const demoIdentities: DemoIdentity[] = [
  {
    id: 'guest',
    provider: 'guest',
    title: 'Guest — Payments team (service owner)',
    description:
      'Signs you in as user:default/guest, a member of Payments, the team that owns checkout-api and payments-service.',
    action: 'Enter',
  },
  {
    id: 'sre',
    provider: 'demo-sre',
    title: 'Sam Okafor — Site Reliability Engineering (SRE owner)',
    description:
      "Signs you in as user:default/sam.sre, a member of Site Reliability Engineering, the SRE owner of the Payments and Storefront teams' services.",
    action: 'Sign in as SRE',
  },
];

/** The local storage key holding the chosen identity's id. */
export const DEMO_IDENTITY_STORAGE_KEY = 'slo-kit:demo-sign-in:identity';
