import { expect, test } from '../support/fleet';
import { screenshot } from '../support/ui';

test.describe('settings (real IPC over the WebSocket, real SQLite)', () => {
  test('shows the saved limits, refuses a bad one inline, and keeps a change', async ({ app }) => {
    await app.getByTestId('settings-button').click();
    const creates = app.getByTestId('settings-max-creates');
    await expect(creates).toHaveValue(/^\d+$/);
    const before = await creates.inputValue();
    await screenshot(app, 'settings-dialog');

    await creates.fill('0');
    await expect(app.getByTestId('settings-save')).toBeDisabled();
    await expect(app.getByText('Between 1 and 60')).toBeVisible();

    const changed = before === '7' ? '8' : '7';
    await creates.fill(changed);
    await app.getByTestId('settings-save').click();
    await expect(creates).toBeHidden();

    // Reopened, the value comes back from main's settings table.
    await app.getByTestId('settings-button').click();
    await expect(app.getByTestId('settings-max-creates')).toHaveValue(changed);
    await app.getByTestId('settings-max-creates').fill(before);
    await app.getByTestId('settings-save').click();
    await expect(app.getByTestId('settings-max-creates')).toBeHidden();
  });
});
