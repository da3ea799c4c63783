import { expect, test } from '../support/fleet';

test.describe('create with a bad name', () => {
  for (const bad of ['1shop', '-shop']) {
    test(`"${bad}" shows an inline error and creates nothing`, async ({ app, fleet }) => {
      await expect(app.getByTestId('create-store-button')).toBeEnabled();
      const rowsBefore = await app.locator('[data-testid^="store-row-"]').count();
      const namespacesBefore = await fleet.managedNamespaces();

      await app.getByTestId('create-store-button').click();
      await app.getByTestId('create-store-name').fill(bad);
      await expect(app.getByTestId('create-store-error')).toBeVisible();
      await expect(app.getByTestId('create-store-error')).not.toBeEmpty();
      await expect(app.getByTestId('create-store-name')).toHaveAttribute('aria-invalid', 'true');
      await expect(app.getByTestId('create-store-submit')).toBeDisabled();
      // Enter submits a form even when its button is disabled; the dialog must still refuse.
      await app.getByTestId('create-store-name').press('Enter');
      await expect(app.getByTestId('create-store-dialog')).toBeVisible();

      await app.keyboard.press('Escape');
      await expect(app.getByTestId('create-store-dialog')).toBeHidden();
      await expect(app.locator('[data-testid^="store-row-"]')).toHaveCount(rowsBefore);
      // Reloading asks the host again, so a row created behind the UI's back would show up.
      await app.reload();
      await expect(app.getByTestId('create-store-button')).toBeEnabled();
      await expect(app.locator('[data-testid^="store-row-"]')).toHaveCount(rowsBefore);
      expect(await fleet.managedNamespaces()).toEqual(namespacesBefore);
    });
  }
});
