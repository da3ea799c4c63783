import type { Page } from '@playwright/test';
import { expect, test, uniqueStoreName } from '../support/fleet';
import { screenshot } from '../support/ui';

// Three stores made through the real app on the test cluster; their storefronts are answered by
// the LOCAL STAND-IN of the WooCommerce Store API.
const prefix = uniqueStoreName('fleet');
const names = ['one', 'two', 'three'].map((n) => `${prefix}-${n}`);
const [first, second, third] = names as [string, string, string];

test.describe.configure({ mode: 'serial' });

async function waitForStatus(app: Page, name: string, status: string, timeout = 240_000) {
  await expect(app.getByTestId(`store-status-${name}`)).toHaveAttribute('data-status', status, {
    timeout,
  });
}

test.describe('fleet list (real engine; storefront: Store API stand-in)', () => {
  test('three stores typed as words become store names and all reach Ready', async ({
    app,
    fleet,
  }) => {
    test.setTimeout(420_000);
    for (const name of names) {
      fleet.standIn.addStore(`${name}.localhost`);
      await app.getByTestId('create-store-button').click();
      await expect(app.getByTestId('create-limits')).toContainText(/\d+ of \d+ stores on /);
      // "Fleet-abc123 One" is typed the way a person writes it; the field keeps the store name.
      const words = name.replace(/-(one|two|three)$/, (_, w: string) => ` ${w.toUpperCase()}`);
      await app.getByTestId('create-store-name').fill(words);
      await expect(app.getByTestId('create-store-name')).toHaveValue(name);
      await app.getByTestId('create-store-submit').click();
      await expect(app.getByTestId('create-store-dialog')).toBeHidden();
    }
    for (const name of names) await waitForStatus(app, name, 'Ready', 360_000);
    await expect(app.getByTestId(`store-progress-${first}`)).toHaveText(/^since /);
  });

  test('at 1920×1080 every column shows; at 900×700 name and status stay readable', async ({
    app,
  }) => {
    await app.setViewportSize({ width: 1920, height: 1080 });
    await app.getByTestId('store-search').fill(prefix);
    await expect(app.getByTestId('store-count')).toHaveText(/^3 of \d+ stores shown$|^3 stores$/);
    await expect(app.getByTestId(`store-to-ready-${first}`)).toHaveText(/\d+ (s|min)/);
    await expect(app.getByRole('columnheader', { name: 'Version' })).toBeVisible();
    await screenshot(app, 'fleet-list-1920x1080');

    await app.setViewportSize({ width: 900, height: 700 });
    for (const name of names) {
      const button = app
        .getByTestId(`store-row-${name}`)
        .getByRole('button', { name, exact: true });
      await expect(button).toBeVisible();
      // Readable: the whole name fits, nothing cut off by an ellipsis.
      expect(await button.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
      await expect(app.getByTestId(`store-status-${name}`)).toBeVisible();
    }
    await screenshot(app, 'fleet-list-900x700');
    await app.getByTestId('sort-name').click();
    await expect(app.getByRole('row').nth(1)).toHaveAttribute('data-testid', `store-row-${first}`);
    await app.getByTestId('sort-name').click();
    await expect(app.getByRole('row').nth(1)).toHaveAttribute('data-testid', `store-row-${second}`);
  });

  test('the address opens the storefront in a new tab', async ({ app, fleet }) => {
    await app.getByTestId('store-search').fill(prefix);
    const [tab] = await Promise.all([
      app.context().waitForEvent('page'),
      app.getByTestId(`visit-store-${first}`).click(),
    ]);
    await tab.waitForURL((u) => u.hostname === `${first}.localhost`);
    const url = new URL(tab.url());
    expect(`${url.protocol}//${url.host}`).toBe(fleet.standIn.url(`${first}.localhost`));
    await tab.close();
  });

  test('Copy link puts the store’s address on the clipboard', async ({ app, fleet }) => {
    await app
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: fleet.serve.url });
    await app.getByTestId('store-search').fill(prefix);
    await app.getByTestId(`copy-link-${second}`).click();
    await expect(app.getByRole('button', { name: `Link to ${second} copied` })).toBeVisible();
    const copied = await app.evaluate(() => navigator.clipboard.readText());
    expect(new URL(copied).host).toBe(new URL(fleet.standIn.url(`${second}.localhost`)).host);
  });

  test('bulk stop, start and delete, each after one confirmation naming the stores', async ({
    app,
  }) => {
    test.setTimeout(480_000);
    await app.getByTestId('store-search').fill(prefix);
    await app.getByRole('checkbox', { name: `Select ${first}` }).check();
    await app.getByRole('checkbox', { name: `Select ${second}` }).check();
    await app.getByTestId('bulk-stop').click();
    const stop = app.getByTestId('bulk-confirm');
    await expect(stop.getByRole('listitem')).toHaveText([first, second].sort());
    await stop.getByTestId('bulk-confirm-submit').click();
    await expect(stop).toBeHidden();
    await waitForStatus(app, first, 'Stopped');
    await waitForStatus(app, second, 'Stopped');

    await app.getByRole('checkbox', { name: `Select ${first}` }).check();
    await app.getByRole('checkbox', { name: `Select ${second}` }).check();
    await expect(app.getByTestId('bulk-start')).toHaveText(/Start 2/);
    await app.getByTestId('bulk-start').click();
    await app.getByTestId('bulk-confirm-submit').click();
    await waitForStatus(app, first, 'Ready');
    await waitForStatus(app, second, 'Ready');

    await app.getByRole('checkbox', { name: 'Select all shown stores' }).check();
    await app.getByTestId('bulk-delete').click();
    const del = app.getByTestId('bulk-confirm');
    await expect(del.getByRole('listitem')).toHaveCount(3);
    await expect(del).toContainText(third);
    await del.getByTestId('bulk-confirm-submit').click();
    for (const name of names) {
      await expect(app.getByTestId(`store-row-${name}`)).toHaveCount(0, { timeout: 200_000 });
    }
  });
});
