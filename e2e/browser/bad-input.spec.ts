import { expect, test } from '../support/fleet';

test.describe('create with a bad name', () => {
  for (const bad of ['1shop', '-shop']) {
    test(`"${bad}" shows an inline error and creates nothing`, async ({ app, fleet }) => {
      await expect(app.getByTestId('create-store-button')).toBeEnabled();
      // Other specs share the serve host and create stores meanwhile: count only this name's.
      const row = app.getByTestId(`store-row-${bad}`);
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
      await expect(row).toHaveCount(0);
      // Reloading asks the host again, so a row created behind the UI's back would show up.
      await app.reload();
      await expect(app.getByTestId('create-store-button')).toBeEnabled();
      await expect(row).toHaveCount(0);
      const added = (await fleet.managedNamespaces()).filter(
        (ns) => !namespacesBefore.includes(ns),
      );
      expect(added.filter((ns) => ns.includes(bad.replace(/^-+/, '')))).toEqual([]);
    });
  }
});
