import { expect, Page, test } from '@playwright/test';
import { signInAs } from './signIn';

/** Screenshots go to `.local/screenshots/` at the repository root (git-ignored). */
async function screenshot(page: Page, name: string) {
  await page.screenshot({
    path: `.local/screenshots/${name}.png`,
    fullPage: true,
  });
}

const backendUrl = process.env.BACKEND_URL ?? 'http://localhost:7007';
const demoToken =
  process.env.SLO_KIT_DEMO_TOKEN ?? 'slo-kit-demo-token-change-me';

test.describe('SRE decides', () => {
  test("the Payments user's notifications list the checkout-api block", async ({
    page,
    request,
  }) => {
    // CI asks the gate for checkout-api and records the (blocked) answer.
    const evaluation = await request.post(
      `${backendUrl}/api/slo/v1/gate/evaluations`,
      {
        headers: { authorization: `Bearer ${demoToken}` },
        data: {
          entityRef: 'component:default/checkout-api',
          environment: 'production',
          version: 'e2e-notification',
        },
      },
    );
    expect(evaluation.status()).toBe(200);
    expect((await evaluation.json()).enforced).toBe('block');

    await signInAs(page, 'guest');
    await page.goto('/notifications');
    await expect(
      page.getByText(/checkout-api blocked: .*error budget exhausted/).first(),
    ).toBeVisible();
    await screenshot(page, 'sre-notifications-blocked');
  });
});
