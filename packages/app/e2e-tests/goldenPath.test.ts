import { expect, Page, test } from '@playwright/test';
import { signInAs } from './signIn';

/** Screenshots go to `.local/screenshots/` at the repository root (git-ignored); Playwright runs from there. */
const screenshotDir = '.local/screenshots';

async function screenshot(page: Page, name: string) {
  await page.screenshot({
    path: `${screenshotDir}/${name}.png`,
    fullPage: true,
  });
}

/**
 * A unique service name per run: the template publishes into the portal's
 * generated-services directory, which keeps what earlier runs created.
 */
function newServiceName(): string {
  return `golden-path-${Date.now().toString(36)}`;
}

test('a newcomer creates a service from the golden path and sees its SLOs', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const name = newServiceName();

  await signInAs(page, 'guest');

  await page.goto('/create');
  const templateCard = page
    .getByRole('article')
    .filter({ hasText: 'Service with SLOs' })
    .or(
      page
        .locator('[data-testid="template-card"]')
        .filter({ hasText: 'Service with SLOs' }),
    )
    .first();
  await expect(templateCard).toBeVisible();
  await templateCard.getByRole('button', { name: 'Choose' }).click();

  // Step 1: the service.
  await page.getByLabel('Name').first().fill(name);
  await page
    .getByLabel('Description')
    .first()
    .fill('Created by the golden-path browser test');
  const owner = page.getByRole('textbox', { name: 'Service owner' });
  await owner.click();
  await owner.fill('payments');
  await page
    .getByRole('listbox', { name: 'Service owner' })
    .getByRole('option')
    .filter({ hasText: 'Payments' })
    .first()
    .click();
  await screenshot(page, 'golden-path-form');
  await page.getByRole('button', { name: 'Next' }).click();

  // Step 2: reliability; the defaults are what a newcomer would keep.
  await expect(page.getByText('SRE owner').first()).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();

  // Step 3: publish into this portal (the default, no Git host needed).
  await expect(page.getByText('Where to publish').first()).toBeVisible();
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  const openEntity = page.getByRole('link', {
    name: `Open ${name} in the catalog`,
  });
  await expect(openEntity).toBeVisible({ timeout: 180_000 });
  // The task's output text lists the SLO ids registered with SLO Kit.
  await expect(
    page.getByText(`component:default/${name}#${name}-availability`).first(),
  ).toBeVisible();
  await screenshot(page, 'golden-path-task');
  await openEntity.click();

  await expect(page).toHaveURL(
    new RegExp(`/catalog/default/component/${name}`),
  );
  const card = page.getByRole('article', {
    name: 'Service level objectives',
    exact: true,
  });
  await expect(card).toBeVisible();
  const slos = card.getByRole('list', { name: 'SLOs' }).getByRole('listitem');
  await expect(slos).toHaveCount(2);
  await expect(
    card.getByRole('heading', { name: `${name} availability` }),
  ).toBeVisible();
  await expect(
    card.getByRole('heading', { name: `${name} latency` }),
  ).toBeVisible();
  await expect(
    card.getByText('99% of requests faster than 300 ms, 28 days rolling'),
  ).toBeVisible();
  // New SLOs have no data yet: both say so, and no budget reads 100% left.
  await expect(slos.filter({ hasText: 'No data' })).toHaveCount(2);
  await expect(card.getByRole('meter')).toHaveCount(0);
  await expect(card.getByText('100%')).toHaveCount(0);
  // The platform owner comes from the template the service was created from.
  await expect(card.getByRole('link', { name: 'Platform Team' })).toBeVisible();
  await screenshot(page, 'golden-path-new-service');
});
