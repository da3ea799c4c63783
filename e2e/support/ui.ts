// Small steps the specs share, written against the app's data-testid hooks.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';

export const SCREENSHOT_DIR = join(import.meta.dirname, '..', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

/** Opens the create dialog, types the name and submits; the dialog closes on success. */
export async function createStore(page: Page, name: string): Promise<void> {
  await page.getByTestId('create-store-button').click();
  const dialog = page.getByTestId('create-store-dialog');
  await expect(dialog).toBeVisible();
  await page.getByTestId('create-store-name').fill(name);
  await page.getByTestId('create-store-submit').click();
  await expect(dialog).toBeHidden();
}

export async function openStorePage(page: Page, name: string): Promise<void> {
  // The name's button, not the middle of the row, which lands on whichever cell is there.
  await page.getByTestId(`store-row-${name}`).getByRole('button', { name, exact: true }).click();
  await expect(page.getByTestId('store-page')).toHaveAttribute('aria-label', `Store ${name}`);
}

export { PROVISION_STEPS } from '../../src-shared/types/store-types';
