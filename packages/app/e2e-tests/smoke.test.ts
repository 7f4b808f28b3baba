import { test, expect } from '@playwright/test';
import { signInAs } from './signIn';

/** Playwright runs from the repository root; .local/ is git-ignored. */
const screenshots = '.local/screenshots';

test('guest signs in and opens a demo component page', async ({ page }) => {
  await signInAs(page, 'guest');
  // Signed in: the sidebar offers the catalog and the SLO portfolio.
  await expect(
    page.getByRole('link', { name: 'Catalog' }).first(),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: 'SLOs' })).toBeVisible();

  await page.goto('/catalog/default/component/storefront-web');
  await expect(
    page.getByRole('heading', { name: 'storefront-web' }).first(),
  ).toBeVisible();
  await expect(
    page.getByText('The customer-facing web shop').first(),
  ).toBeVisible();

  await page.screenshot({
    path: `${screenshots}/smoke-component-page.png`,
    fullPage: true,
  });
});
