import { test, expect } from '@playwright/test';
import path from 'node:path';

const screenshots = path.resolve(__dirname, '../../../.local/screenshots');

test('guest signs in and opens a demo component page', async ({ page }) => {
  await page.goto('/');

  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page.getByRole('navigation', { name: 'sidebar nav' }),
  ).toBeVisible();

  await page.goto('/catalog/default/component/storefront-web');
  await expect(
    page.getByRole('heading', { name: 'storefront-web' }).first(),
  ).toBeVisible();
  await expect(page.getByText('The customer-facing web shop').first()).toBeVisible();

  await page.screenshot({
    path: path.join(screenshots, 'smoke-component-page.png'),
    fullPage: true,
  });
});
