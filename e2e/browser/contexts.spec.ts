import { expect, test } from '../support/fleet';

test.describe('contexts (real kubeconfig files, real test cluster)', () => {
  test('the test cluster context is listed in the switcher and can be selected', async ({
    app,
    fleet,
  }) => {
    const switcher = app.getByTestId('context-switcher');
    const health = app.getByTestId('context-health');
    await expect(health).toHaveAttribute('data-health', 'Healthy', { timeout: 30_000 });

    await switcher.click();
    await expect(app.getByTestId(`context-option-${fleet.cluster.context}`)).toBeVisible();
    await app.getByTestId(`context-option-${fleet.otherContext}`).click();
    await expect(switcher).toContainText(fleet.otherContext);
    await expect(health).toHaveAttribute('data-health', /Unreachable|Check failed/, {
      timeout: 30_000,
    });

    await switcher.click();
    const option = app.getByTestId(`context-option-${fleet.cluster.context}`);
    await expect(option).toContainText(fleet.cluster.context);
    await option.click();
    await expect(option).toBeHidden();
    await expect(switcher).toContainText(fleet.cluster.context);
    await expect(health).toHaveAttribute('data-health', 'Healthy', { timeout: 30_000 });
    await expect(app.getByTestId('create-store-button')).toBeEnabled();
  });
});
