import { expect, test, uniqueStoreName } from '../support/fleet';
import { createStore, openStorePage, screenshot } from '../support/ui';

// A store that fails after WordPress answered, fixed by its owner, then recovered by Retry, on
// the real test cluster. The storefront is the LOCAL STAND-IN of the WooCommerce Store API: it
// first serves the store with Cash on Delivery disabled (the verify step fails), then with it
// enabled, as if the owner had switched it on in WP Admin.
test.describe('a failed store recovered by Retry', () => {
  test('Failed at verify: one sentence, Details, WP Admin; Retry runs from verify to Ready', async ({
    app,
    fleet,
  }) => {
    test.setTimeout(300_000);
    const name = uniqueStoreName('e2e-retry');
    const host = `${name}.localhost`;
    fleet.standIn.addStore(host, { codEnabled: false });
    await expect(app.getByTestId('create-store-button')).toBeEnabled();
    await createStore(app, name);
    await openStorePage(app, name);

    const page = app.getByTestId('store-page');
    await expect(app.getByTestId(`store-status-${name}`)).toHaveAttribute('data-status', 'Failed', {
      timeout: 180_000,
    });
    await expect(page).toContainText('Failed at Verify order');
    const reason = app.getByTestId('failure-reason');
    await expect(reason).toContainText('Cash on Delivery is not enabled');
    // One sentence, not a wall of output.
    expect(((await reason.textContent()) ?? '').split('\n')).toHaveLength(1);
    // WordPress answered before verify, so its admin is open to fix what stopped the store.
    await expect(app.getByTestId('open-admin')).toBeEnabled();
    await expect(app.getByTestId('reveal-credentials')).toBeVisible();
    await expect(app.getByTestId('open-storefront')).toBeDisabled();
    await expect(app.getByTestId('retry-store')).toBeEnabled();
    await expect(app.getByTestId('timeline-attempt-1')).toHaveAttribute(
      'data-attempt-kind',
      'create',
    );
    await screenshot(app, 'store-recovery-failed');

    // The owner enables Cash on Delivery; Retry carries on from the verify step.
    fleet.standIn.removeStore(host);
    fleet.standIn.addStore(host, { codEnabled: true });
    await app.getByTestId('retry-store').click();
    await expect(app.getByTestId(`store-status-${name}`)).toHaveAttribute('data-status', 'Ready', {
      timeout: 180_000,
    });
    await expect(app.getByTestId('failure-reason')).toHaveCount(0);
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(app.getByTestId('retry-store')).toHaveCount(0);
    await expect(app.getByTestId('open-storefront')).toBeEnabled();
    expect(fleet.standIn.orders(host)).toHaveLength(1);

    // The timeline shows the failed create and the retry that recovered it, in order.
    const retry = app.getByTestId('timeline-attempt-2');
    await expect(retry).toHaveAttribute('data-attempt-kind', 'retry');
    await expect(retry.getByTestId('timeline-attempt-heading')).toHaveAttribute(
      'data-outcome',
      'succeeded',
    );
    await expect(app.getByTestId('timeline-step-verify')).toHaveAttribute(
      'data-step-state',
      'succeeded',
    );
    // Retry started from the failed step: nothing before verify ran again.
    await expect(retry.getByTestId('timeline-step-helm')).toHaveCount(0);
    await expect(app.getByTestId('helm-revision-1')).toBeVisible({ timeout: 30_000 });
    await expect(app.getByTestId('helm-revision-1').getByTestId('revision-label')).not.toHaveText(
      /woocommerce-\d/,
    );
    await screenshot(app, 'store-recovery-ready');

    await app.getByTestId('delete-store').click();
    await app.getByTestId('delete-confirm-input').fill(name);
    await app.getByTestId('delete-confirm-submit').click();
    await expect(app.getByTestId(`store-row-${name}`)).toHaveCount(0, { timeout: 150_000 });
    expect(await fleet.namespaceExists(`store-${name}`)).toBe(false);
  });
});
