import { expect, test, uniqueStoreName } from '../support/fleet';
import { openStorePage, screenshot } from '../support/ui';

// The test cluster is no k3d cluster and the local values name no Medusa image: the real engine
// must stop such a store at its image step, with the sentence that says what to do, having made
// nothing in the cluster.
test.describe('a Medusa store on a cluster that cannot use a locally built image (real engine)', () => {
  test('the create dialog offers Medusa; the store stops at Image with what to do', async ({
    app,
    fleet,
  }) => {
    test.setTimeout(180_000);
    const name = uniqueStoreName('e2e-medusa');
    await expect(app.getByTestId('create-store-button')).toBeEnabled();
    await app.getByTestId('create-store-button').click();
    await app.getByTestId('create-store-name').fill(name);
    await app.getByTestId('create-store-kind').click();
    await app.getByRole('option', { name: 'Medusa' }).click();
    await expect(app.getByTestId('create-store-kind-hint')).toContainText('builds its image');
    await screenshot(app, 'create-dialog-medusa');
    await app.getByTestId('create-store-submit').click();
    await expect(app.getByTestId('create-store-dialog')).toBeHidden();
    await openStorePage(app, name);

    await expect(app.getByTestId(`store-status-${name}`)).toHaveAttribute('data-status', 'Failed', {
      timeout: 120_000,
    });
    await expect(app.getByTestId('timeline-step-image')).toHaveAttribute(
      'data-step-state',
      'failed',
    );
    await expect(app.getByTestId('failure-reason')).toContainText(
      'This cluster cannot use an image built here',
    );
    await expect(app.getByTestId('store-page')).toContainText('Failed at Image');
    await expect(app.getByTestId('open-admin')).toHaveText('Medusa Admin');
    await expect(app.getByTestId('open-admin')).toBeDisabled();
    expect(await fleet.namespaceExists(`store-${name}`)).toBe(false);
    await screenshot(app, 'store-page-medusa-no-image');

    await app.getByTestId('delete-store').click();
    await app.getByTestId('delete-confirm-input').fill(name);
    await app.getByTestId('delete-confirm-submit').click();
    await expect(app.getByTestId(`store-row-${name}`)).toHaveCount(0, { timeout: 60_000 });
  });
});
