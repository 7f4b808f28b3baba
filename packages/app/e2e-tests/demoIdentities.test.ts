import { expect, Page, test } from '@playwright/test';
import { signInAs, signInButtons } from './signIn';

/** Screenshots go to `.local/screenshots/` at the repository root (git-ignored); Playwright runs from there. */
const screenshotDir = '.local/screenshots';

async function openSettings(page: Page) {
  await page.goto('/settings');
  // The card's title; while the identity loads its body says "No Backstage Identity".
  await expect(
    page.getByText('Backstage Identity', { exact: true }),
  ).toBeVisible();
}

/** The Settings page's identity card links each ownership claim to its catalog page. */
function ownershipLink(page: Page, group: string) {
  return page.locator(`a[href$="/catalog/default/group/${group}"]`);
}

test('a visitor plays the SRE, signs out, and comes back as the Payments guest', async ({
  page,
}) => {
  await signInAs(page, 'sre');

  await openSettings(page);
  await expect(page.getByText('Sam Okafor').first()).toBeVisible();
  await expect(page.getByText('sam@acme.example').first()).toBeVisible();
  await expect(ownershipLink(page, 'sre').first()).toBeVisible();
  await expect(ownershipLink(page, 'payments')).toHaveCount(0);
  await page.screenshot({
    path: `${screenshotDir}/demo-identity-sre-settings.png`,
    fullPage: true,
  });

  // The choice survives a reload.
  await page.reload();
  await expect(page.getByText('Sam Okafor').first()).toBeVisible();

  // Signing out returns to the sign-in page, which offers both sides again.
  await page.getByTestId('user-settings-menu').click();
  await page.getByRole('menuitem', { name: 'Sign Out' }).click();
  await expect(
    page.getByRole('button', { name: signInButtons.guest, exact: true }),
  ).toBeVisible();
  await expect(
    page.getByRole('button', { name: signInButtons.sre, exact: true }),
  ).toBeVisible();
  await page.screenshot({
    path: `${screenshotDir}/demo-sign-in-page.png`,
    fullPage: true,
  });

  await signInAs(page, 'guest');
  await openSettings(page);
  await expect(ownershipLink(page, 'payments').first()).toBeVisible();
  await expect(ownershipLink(page, 'sre')).toHaveCount(0);
  await expect(page.getByText('Sam Okafor')).toHaveCount(0);
});
