import { expect, Page } from '@playwright/test';

/**
 * The demo's two sign-ins and the accessible names of their buttons on the
 * sign-in page: the guest (user:default/guest, Payments, the service owner)
 * and the SRE (user:default/sam.sre, Site Reliability Engineering).
 */
export const signInButtons = {
  guest: 'Enter',
  sre: 'Sign in as SRE',
} as const;

export type DemoSide = keyof typeof signInButtons;

/** Where the sign-in page remembers the chosen side (see packages/app/src/modules/signIn). */
const STORAGE_KEY = 'slo-kit:demo-sign-in:identity';

/**
 * Opens the portal signed in as `side`. A session of the other side left in
 * the page's storage is forgotten first, as signing out would.
 */
export async function signInAs(page: Page, side: DemoSide) {
  await page.goto('/');
  const button = page.getByRole('button', {
    name: signInButtons[side],
    exact: true,
  });
  const signedIn = page.getByRole('link', { name: 'SLOs' });
  await expect(button.or(signedIn).first()).toBeVisible();

  if (await signedIn.isVisible()) {
    const current = await page.evaluate(
      key => window.localStorage.getItem(key),
      STORAGE_KEY,
    );
    if (current === side) {
      return;
    }
    await page.evaluate(
      key => window.localStorage.removeItem(key),
      STORAGE_KEY,
    );
    await page.reload();
  }

  await button.click();
  await expect(signedIn).toBeVisible();
}
