import { expect, test, uniqueStoreName } from '../support/fleet';
import { createStore, openStorePage, screenshot } from '../support/ui';

test.describe('an injected failure (Store API stand-in with Cash on Delivery disabled)', () => {
  test('the store page shows Failed at the verify step with the reason', async ({ app, fleet }) => {
    test.setTimeout(240_000);
    const name = uniqueStoreName('e2e-nocod');
    fleet.standIn.addStore(`${name}.localhost`, { codEnabled: false });
    await expect(app.getByTestId('create-store-button')).toBeEnabled();
    await createStore(app, name);
    await openStorePage(app, name);

    await expect(app.getByTestId(`store-status-${name}`)).toHaveAttribute('data-status', 'Failed', {
      timeout: 180_000,
    });
    await expect(app.getByTestId(`store-row-${name}`)).toContainText('at Verify order');
    await expect(app.getByTestId('timeline-step-verify')).toHaveAttribute(
      'data-step-state',
      'failed',
    );
    await expect(app.getByTestId('failure-reason')).toContainText(
      'Cash on Delivery is not enabled',
    );
    await expect(app.getByTestId('store-page')).toContainText('Failed at Verify order');
    await expect(app.getByTestId('open-storefront')).toBeDisabled();
    expect(fleet.standIn.orders(`${name}.localhost`)).toHaveLength(0);
    await screenshot(app, 'store-page-failed');

    // A failed store still owns a namespace; a reused cluster must not keep it.
    await app.getByTestId('delete-store').click();
    await app.getByTestId('delete-confirm-input').fill(name);
    await app.getByTestId('delete-confirm-submit').click();
    await expect(app.getByTestId(`store-row-${name}`)).toHaveCount(0, { timeout: 150_000 });
    expect(await fleet.namespaceExists(`store-${name}`)).toBe(false);
  });
});
