import type { Locator, Page } from '@playwright/test';
import { THEMES, expectNoAxeViolations, useTheme } from '../support/axe';
import { expect, test, uniqueStoreName } from '../support/fleet';
import { createStore, openStorePage, screenshot } from '../support/ui';

// One serve host and two stores for the whole file: one that ends Ready, one that the Store API
// stand-in makes fail at the verify step (Cash on Delivery disabled).
const readyName = uniqueStoreName('e2e-a11y-ok');
const failedName = uniqueStoreName('e2e-a11y-bad');

/** Scans the page as it is now in both colour schemes, with a screenshot of each. */
async function scanBothThemes(page: Page, screen: string): Promise<void> {
  for (const theme of THEMES) {
    await useTheme(page, theme);
    await screenshot(page, `a11y-${screen}-${theme}`);
    await expectNoAxeViolations(page, `${screen} (${theme})`);
  }
  await useTheme(page, 'light');
}

async function focusIsInside(container: Locator): Promise<boolean> {
  return container.evaluate((el) => el.contains(document.activeElement));
}

/** Everything the polite live region has said since `recordAnnouncements` ran. */
async function announcements(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { announced: string[] }).announced);
}

async function recordAnnouncements(page: Page): Promise<void> {
  const region = page.getByTestId('status-announcer');
  await expect(region).toHaveAttribute('aria-live', 'polite');
  await region.evaluate((el) => {
    const announced: string[] = [];
    (window as unknown as { announced: string[] }).announced = announced;
    new MutationObserver(() => {
      for (const p of el.children) {
        const text = (p.textContent ?? '').trim();
        if (text && !announced.includes(text)) announced.push(text);
      }
    }).observe(el, { subtree: true, childList: true, characterData: true });
  });
}

test.describe.configure({ mode: 'serial' });

test.describe('accessibility: axe-core on every screen in light and dark, focus, announcements', () => {
  test('the empty list', async ({ app }) => {
    await expect(app.getByText(/^No stores on /)).toBeVisible();
    await scanBothThemes(app, 'empty-list');
  });

  test('a store reaching Ready or Failed is announced in a polite live region', async ({
    app,
    fleet,
  }) => {
    test.setTimeout(300_000);
    fleet.standIn.addStore(`${readyName}.localhost`);
    fleet.standIn.addStore(`${failedName}.localhost`, { codEnabled: false });
    await recordAnnouncements(app);
    await expect(app.getByTestId('create-store-button')).toBeEnabled();
    await createStore(app, readyName);
    await createStore(app, failedName);
    await expect(app.getByTestId(`store-status-${readyName}`)).toHaveAttribute(
      'data-status',
      'Ready',
      { timeout: 240_000 },
    );
    await expect(app.getByTestId(`store-status-${failedName}`)).toHaveAttribute(
      'data-status',
      'Failed',
      { timeout: 240_000 },
    );
    await expect.poll(() => announcements(app)).toContain(`Store ${readyName} is Ready.`);
    await expect
      .poll(() => announcements(app))
      .toContain(`Store ${failedName} failed at Verify order.`);
  });

  test('the list with stores', async ({ app }) => {
    await expect(app.getByTestId(`store-row-${readyName}`)).toBeVisible();
    await expect(app.getByTestId(`store-row-${failedName}`)).toBeVisible();
    await scanBothThemes(app, 'list');
  });

  test('the store panel of a Ready store, with and without its admin login', async ({ app }) => {
    await openStorePage(app, readyName);
    await expect(app.getByTestId('reveal-credentials')).toBeVisible();
    await scanBothThemes(app, 'store-ready');
    await app.getByTestId('reveal-credentials').click();
    await expect(app.getByTestId('credentials-password')).toBeVisible();
    // No screenshot while the password is on screen.
    for (const theme of THEMES) {
      await useTheme(app, theme);
      await expectNoAxeViolations(app, `store-ready-credentials (${theme})`);
    }
    await app.getByTestId('hide-credentials').click();
    await expect(app.getByTestId('credentials-password')).toHaveCount(0);
  });

  test('the store panel of a Failed store', async ({ app }) => {
    await openStorePage(app, failedName);
    await expect(app.getByTestId('failure-reason')).toBeVisible();
    await scanBothThemes(app, 'store-failed');
  });

  test('the create dialog, with a name it refuses', async ({ app }) => {
    await app.getByTestId('create-store-button').click();
    // Taken: the dialog rewrites a badly typed name into a valid one, but not into a free one.
    await app.getByTestId('create-store-name').fill(readyName);
    await expect(app.getByTestId('create-store-error')).toContainText('already exists');
    await scanBothThemes(app, 'create-dialog');
  });

  test('the settings dialog', async ({ app }) => {
    await app.getByTestId('settings-button').click();
    await expect(app.getByTestId('settings-max-creates')).toHaveValue(/^\d+$/);
    await scanBothThemes(app, 'settings-dialog');
  });

  test('the delete dialog', async ({ app }) => {
    await openStorePage(app, failedName);
    await app.getByTestId('delete-store').click();
    await expect(app.getByTestId('delete-confirm-input')).toBeFocused();
    await scanBothThemes(app, 'delete-dialog');
  });

  test('the context menu, open', async ({ app }) => {
    await app.getByTestId('context-switcher').click();
    await expect(app.getByRole('menu')).toBeVisible();
    await scanBothThemes(app, 'context-menu');
    await app.keyboard.press('Escape');
    await expect(app.getByRole('menu')).toHaveCount(0);
    await expect(app.getByTestId('context-switcher')).toBeFocused();
  });

  test('closing a dialog gives the focus back to what opened it', async ({ app }) => {
    const settings = app.getByTestId('settings-button');
    await settings.focus();
    await app.keyboard.press('Enter');
    await expect(app.getByTestId('settings-dialog')).toBeVisible();
    await app.keyboard.press('Escape');
    await expect(app.getByTestId('settings-dialog')).toHaveCount(0);
    await expect(settings).toBeFocused();

    const create = app.getByTestId('create-store-button');
    await create.focus();
    await app.keyboard.press('Enter');
    await expect(app.getByTestId('create-store-dialog')).toBeVisible();
    await app.getByRole('button', { name: 'Cancel' }).click();
    await expect(app.getByTestId('create-store-dialog')).toHaveCount(0);
    await expect(create).toBeFocused();

    await openStorePage(app, readyName);
    const remove = app.getByTestId('delete-store');
    await remove.focus();
    await app.keyboard.press('Enter');
    await expect(app.getByTestId('delete-confirm-input')).toBeFocused();
    await app.keyboard.press('Escape');
    await expect(app.getByTestId('delete-confirm-input')).toHaveCount(0);
    await expect(remove).toBeFocused();
  });

  test('the store panel takes the focus when opened from its row and gives it back on close', async ({
    app,
  }) => {
    const panel = app.getByTestId('store-page');
    const rowButton = app
      .getByTestId(`store-row-${readyName}`)
      .getByRole('button', { name: readyName, exact: true });
    await rowButton.focus();
    await app.keyboard.press('Enter');
    await expect(panel).toHaveAttribute('aria-label', `Store ${readyName}`);
    // No Tab at all between the row and the panel it opened.
    await expect.poll(() => focusIsInside(panel)).toBe(true);
    await app.keyboard.press('Tab');
    expect(await focusIsInside(panel)).toBe(true);
    await app.keyboard.press('Escape');
    await expect(panel).toHaveCount(0);
    await expect(rowButton).toBeFocused();

    await rowButton.press('Enter');
    await expect.poll(() => focusIsInside(panel)).toBe(true);
    await app.getByRole('button', { name: 'Close store page' }).click();
    await expect(panel).toHaveCount(0);
    await expect(rowButton).toBeFocused();
  });

  test('deleting is announced, and leaves the cluster clean', async ({ app, fleet }) => {
    test.setTimeout(240_000);
    await recordAnnouncements(app);
    for (const name of [readyName, failedName]) {
      await openStorePage(app, name);
      await app.getByTestId('delete-store').click();
      await app.getByTestId('delete-confirm-input').fill(name);
      await app.getByTestId('delete-confirm-submit').click();
      await expect(app.getByTestId('delete-confirm-input')).toHaveCount(0);
    }
    for (const name of [readyName, failedName]) {
      await expect(app.getByTestId(`store-row-${name}`)).toHaveCount(0, { timeout: 180_000 });
      await expect.poll(() => announcements(app)).toContain(`Store ${name} was deleted.`);
      expect(await fleet.namespaceExists(`store-${name}`)).toBe(false);
    }
  });
});
