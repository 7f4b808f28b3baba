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

  test('the Payments user sees no Override button, and who can override', async ({
    page,
  }) => {
    await signInAs(page, 'guest');
    await page.goto('/catalog/default/component/checkout-api/slo');
    const gate = page.getByRole('article', { name: 'Release gate' });
    await expect(
      gate.getByText(
        'Only Site Reliability Engineering (the SRE owner) can override the release gate.',
      ),
    ).toBeVisible();
    await expect(gate.getByRole('button', { name: 'Override' })).toHaveCount(0);
    await screenshot(page, 'sre-override-payments-view');
  });

  test("as the SRE, override checkout-api's block: the card says Allowed by override; revoke: Blocked again", async ({
    page,
  }) => {
    // Sign-in and five page loads (the override is revoked again at the
    // end): each full load of the app can take most of a minute on a 2-core
    // CI machine, more than the default timeout allows for all of them.
    test.setTimeout(6 * 60_000);
    await signInAs(page, 'sre');
    await page.goto('/catalog/default/component/checkout-api/slo');
    const gate = page.getByRole('article', { name: 'Release gate' });
    await gate.getByRole('button', { name: 'Override', exact: true }).click();

    const dialog = page.getByRole('dialog', {
      name: 'Override the release gate',
    });
    await dialog.getByRole('textbox', { name: 'Reason' }).fill('hotfix');
    await dialog.getByRole('button', { name: 'Grant override' }).click();
    await expect(dialog).toContainText('Say why in at least 10 characters');
    await dialog
      .getByRole('textbox', { name: 'Reason' })
      .fill('hotfix for INC-42, reviewed with Payments');
    // The radio's input is visually hidden; people click its label.
    await dialog.getByText('4 hours', { exact: true }).click();
    await expect(dialog.getByRole('radio', { name: '4 hours' })).toBeChecked();
    await dialog.getByRole('button', { name: 'Grant override' }).click();
    await expect(dialog).toBeHidden();

    try {
      await expect(
        page.getByRole('list', { name: 'Active overrides' }),
      ).toContainText('hotfix for INC-42, reviewed with Payments');
      await expect(
        page.getByRole('region', { name: 'Override history' }),
      ).toContainText('Active');
      await screenshot(page, 'sre-override-tab');

      await page.goto('/catalog/default/component/checkout-api');
      const release = page.getByRole('group', { name: 'Release' }).first();
      await expect(release).toContainText(
        /Allowed by override — sam\.sre until .+: hotfix for INC-42, reviewed with Payments/,
      );
      await screenshot(page, 'sre-override-card');
    } finally {
      // Leave checkout-api blocked for every other test.
      await page.goto('/catalog/default/component/checkout-api/slo');
      const active = page.getByRole('list', { name: 'Active overrides' });
      await active.getByRole('button', { name: 'Revoke' }).first().click();
      const revoke = page.getByRole('dialog', { name: 'Revoke the override' });
      await revoke
        .getByRole('textbox', { name: 'Reason' })
        .fill('the hotfix is out, gate back to its rules');
      await revoke.getByRole('button', { name: 'Revoke override' }).click();
      await expect(revoke).toBeHidden();
    }

    await page.goto('/catalog/default/component/checkout-api');
    await expect(
      page.getByRole('group', { name: 'Release' }).first(),
    ).toContainText('Blocked:');
    await page.goto('/catalog/default/component/checkout-api/slo');
    await expect(
      page.getByRole('region', { name: 'Override history' }),
    ).toContainText('Revoked');
  });
});
