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

test.describe('SLO Kit', () => {
  test.beforeEach(async ({ page }) => {
    await signInAs(page, 'guest');
  });

  test('the portfolio lists SLOs', async ({ page }) => {
    await page.goto('/slo');
    const portfolio = page.getByRole('region', { name: 'SLO portfolio' });
    await expect(portfolio).toBeVisible();
    await expect(portfolio.getByRole('row').nth(1)).toBeVisible();
    await expect(
      portfolio.getByRole('link', { name: /checkout-api/ }).first(),
    ).toBeVisible();
    await screenshot(page, 'slo-portfolio');
  });

  test('the exhausted service is marked critical on its card', async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/checkout-api');
    const card = page.getByRole('article', {
      name: 'Service level objectives',
      exact: true,
    });
    await expect(card).toBeVisible();
    await expect(card.getByText('Critical').first()).toBeVisible();
    await expect(
      card.getByText(/Error budget exhausted/).first(),
    ).toBeVisible();
    await expect(card.getByRole('meter').first()).toBeVisible();
    await screenshot(page, 'slo-entity-card');
  });

  test('the Reliability tab shows the burn-down chart', async ({ page }) => {
    await page.goto('/catalog/default/component/checkout-api');
    await page
      .getByRole('tab', { name: 'Reliability' })
      .or(page.getByRole('link', { name: 'Reliability' }))
      .first()
      .click();
    await expect(page).toHaveURL(
      /\/catalog\/default\/component\/checkout-api\/slo/,
    );

    const chart = page
      .getByRole('img', { name: /Burn-down of the error budget/ })
      .first();
    await expect(chart).toBeVisible();
    expect(await chart.evaluate(element => element.tagName.toLowerCase())).toBe(
      'svg',
    );
    await expect(
      page.getByText(
        'Who decides when its reliability is no longer acceptable?',
      ),
    ).toBeVisible();
    await screenshot(page, 'slo-reliability-tab');
  });

  test('the card follows the dark theme', async ({ page }) => {
    // The app keeps the chosen theme in local storage, as the Settings page does.
    await page.evaluate(() => window.localStorage.setItem('theme', 'dark'));
    await page.goto('/catalog/default/component/checkout-api');
    const card = page.getByRole('article', {
      name: 'Service level objectives',
      exact: true,
    });
    await expect(card.getByRole('meter').first()).toBeVisible();
    const heading = card.getByRole('heading', {
      name: 'Service level objectives',
    });
    // Light text on a dark card: the card reads the theme's colours.
    const luminance = (css: string) => {
      const [r, g, b] = (css.match(/\d+(\.\d+)?/g) ?? ['0', '0', '0'])
        .slice(0, 3)
        .map(Number);
      return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    };
    const text = await heading.evaluate(e => getComputedStyle(e).color);
    expect(luminance(text)).toBeGreaterThan(0.6);
    await screenshot(page, 'slo-entity-card-dark');
    await page.evaluate(() => window.localStorage.setItem('theme', 'light'));
  });

  test("checkout-api's card says Blocked, with its reason and who decides", async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/checkout-api');
    const release = page.getByRole('group', { name: 'Release' }).first();
    await expect(release).toContainText(
      /Blocked: Requests succeed error budget exhausted \(−\d+(\.\d+)? %\)\./,
    );
    await expect(release).toContainText(
      'Site Reliability Engineering decides.',
    );
    await screenshot(page, 'release-card-blocked');
  });

  test("storefront-web's advisory policy would block, and does not say Blocked", async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/storefront-web');
    const release = page.getByRole('group', { name: 'Release' }).first();
    await expect(release).toContainText('Would block (advisory):');
    await expect(release).not.toContainText('Blocked');
  });

  test('the portfolio\'s Blocked filter lists the blocked services and the one that would block', async ({
    page,
  }) => {
    await page.goto('/slo');
    const portfolio = page.getByRole('region', { name: 'SLO portfolio' });
    await expect(portfolio.getByRole('row').nth(1)).toBeVisible();
    await page.getByRole('button', { name: /Release/ }).first().click();
    await page.getByRole('option', { name: 'Blocked' }).click();
    await page.keyboard.press('Escape');

    // Every row left is a blocked service (or one an advisory policy would block).
    await expect(
      portfolio.getByRole('link', { name: /session-service/ }),
    ).toHaveCount(0);
    const rows = portfolio.locator('tbody tr');
    await expect(rows.first()).toBeVisible();
    const services = new Set<string>();
    for (const row of await rows.all()) {
      const text = (await row.innerText()).replace(/\s+/g, ' ');
      const name = text.match(
        /(checkout-api|payments-service|storefront-web|session-service|identity-api|product-catalog)/,
      )?.[1];
      expect(name, `row "${text}"`).toBeDefined();
      services.add(name!);
      expect(text).toMatch(
        name === 'storefront-web' ? /Would block/ : /Blocked/,
      );
    }
    expect([...services].sort()).toEqual([
      'checkout-api',
      'payments-service',
      'storefront-web',
    ]);
    await screenshot(page, 'release-portfolio-blocked');
  });

  test('the Reliability tab shows the release gate and a deploy marker', async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/checkout-api/slo');
    const gate = page.getByRole('article', { name: 'Release gate' });
    await expect(gate).toBeVisible();
    await expect(gate.getByRole('definition').first()).toHaveText('Blocked');
    await expect(gate).toContainText('default, mode enforce');
    await expect(gate).toContainText('rollback, security-fix');
    // Who decides (and, for the guest, who may override) links the SRE group.
    await expect(
      gate.getByRole('link', { name: 'Site Reliability Engineering' }).first(),
    ).toBeVisible();
    await expect(
      gate.getByRole('list', { name: 'Release reasons' }),
    ).toContainText('error budget exhausted');
    await expect(
      page.getByRole('region', { name: 'Recent release-gate evaluations' }),
    ).toBeVisible();

    const chart = page
      .getByRole('img', { name: /Burn-down of the error budget.*events? marked/ })
      .first();
    await expect(chart).toBeVisible();
    await expect(chart.locator('g.slo-event-marker.slo-event-deploy').first())
      .toBeAttached();
    await expect(
      page.getByText(/Deploy: Deploy checkout-api 1\.6\.0/).first(),
    ).toBeVisible();
    await screenshot(page, 'release-reliability-tab');
  });
});
