import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { expect, test, uniqueStoreName, type Fleet } from '../support/fleet';
import { createStore, openStorePage, screenshot } from '../support/ui';

// Drift and rollback on the real test cluster, through the UI as a person uses it. Storefronts
// are answered by the LOCAL STAND-IN of the WooCommerce Store API.
const run = promisify(execFile);

async function waitForStatus(app: Page, name: string, status: string, timeout = 240_000) {
  await expect(app.getByTestId(`store-status-${name}`)).toHaveAttribute('data-status', status, {
    timeout,
  });
}

/** Creates a store through the create dialog and waits until the list shows it Ready. */
async function readyStore(app: Page, fleet: Fleet, prefix: string): Promise<string> {
  const name = uniqueStoreName(prefix);
  fleet.standIn.addStore(`${name}.localhost`);
  await expect(app.getByTestId('create-store-button')).toBeEnabled();
  await createStore(app, name);
  await waitForStatus(app, name, 'Ready');
  return name;
}

test.describe('drift and rollback (real engine; storefront: Store API stand-in)', () => {
  test('a namespace deleted outside the app turns the store Missing live; Forget removes it', async ({
    app,
    fleet,
  }) => {
    test.setTimeout(360_000);
    const name = await readyStore(app, fleet, 'e2e-drift');
    const namespace = `store-${name}`;
    expect(await fleet.namespaceExists(namespace)).toBe(true);

    // Someone deletes the namespace with kubectl, behind Storefleet's back.
    const deletedAt = Date.now();
    await run(
      join(fleet.cluster.binDir, 'kubectl'),
      [
        '--kubeconfig',
        fleet.cluster.kubeconfigPath,
        '--context',
        fleet.cluster.context,
        'delete',
        'namespace',
        namespace,
        '--wait=false',
      ],
      { timeout: 30_000 },
    );
    // The row changes by itself: no reload, no click.
    await waitForStatus(app, name, 'Missing', 20_000);
    process.stderr.write(`[drift] row Missing ${Date.now() - deletedAt} ms after kubectl delete\n`);

    await openStorePage(app, name);
    const page = app.getByTestId('store-page');
    await expect(page).not.toContainText('Loading…');
    await expect(app.getByTestId('store-notice')).toContainText(
      `namespace ${namespace} is no longer in the cluster`,
    );
    await expect(app.getByTestId('history-unavailable')).toHaveText(
      'The store’s release is no longer in the cluster.',
    );
    await expect(page.getByRole('alert')).toHaveCount(0);
    const forget = app.getByTestId('forget-store');
    await expect(forget).toBeEnabled();
    await screenshot(app, 'drift-missing');

    await forget.click();
    const confirm = app.getByRole('group', { name: 'Forget this store' });
    await expect(confirm).toContainText(`Forget ${name}?`);
    await confirm.getByTestId('forget-confirm-submit').click();
    await expect(app.getByTestId(`store-row-${name}`)).toHaveCount(0, { timeout: 15_000 });
    await expect(app.getByTestId('store-page')).toHaveCount(0);
    // Forgotten for good: a reload does not bring it back.
    await app.reload();
    await expect(app.getByTestId('create-store-button')).toBeEnabled();
    await expect(app.getByTestId(`store-row-${name}`)).toHaveCount(0);
  });

  test('upgrade memory, then roll back to revision 1 from the revision list', async ({
    app,
    fleet,
  }) => {
    test.setTimeout(600_000);
    const name = await readyStore(app, fleet, 'e2e-rollback');
    await openStorePage(app, name);
    const page = app.getByTestId('store-page');
    await expect(app.getByTestId('helm-revision-1').getByTestId('revision-label')).toHaveText(
      /^Created/,
      { timeout: 30_000 },
    );

    // Upgrade: only the memory limit changes.
    await app.getByTestId('open-upgrade').click();
    const form = app.getByRole('form', { name: 'Upgrade' });
    await expect(form).toBeVisible();
    await app.getByTestId('upgrade-memoryLimit').fill('600Mi');
    await expect(app.getByTestId('upgrade-memoryLimit-hint')).not.toHaveAttribute(
      'class',
      /text-failed/,
    );
    await app.getByTestId('upgrade-submit').click();
    await expect(form).toBeHidden({ timeout: 60_000 });

    const upgraded = app.getByTestId('helm-revision-2');
    await expect(upgraded).toBeVisible({ timeout: 240_000 });
    await waitForStatus(app, name, 'Ready');
    await expect(upgraded.getByTestId('revision-label')).toHaveText(/^Upgraded/);
    await expect(upgraded.getByTestId('revision-changes')).toHaveText(/memory .+ → 600Mi/);
    await expect(upgraded).toHaveAttribute('data-current', 'true');
    await expect(app.getByTestId('helm-revision-1').getByTestId('revision-label')).toHaveText(
      /^Created/,
    );

    // Roll back to revision 1, confirming in the row.
    const first = app.getByTestId('helm-revision-1');
    await first.getByRole('button', { name: 'Roll back to revision 1' }).click();
    await first.getByRole('button', { name: 'Roll back', exact: true }).click();

    const rolledBack = app.getByTestId('helm-revision-3');
    await expect(rolledBack).toBeVisible({ timeout: 240_000 });
    await waitForStatus(app, name, 'Ready');
    await expect(rolledBack.getByTestId('revision-label')).toHaveText(/^Rolled back to 1/);
    await expect(rolledBack).toHaveAttribute('data-current', 'true');
    await expect(rolledBack.getByTestId('revision-changes')).toHaveText(/memory 600Mi → /);
    await expect(page.getByRole('alert')).toHaveCount(0);
    // Revision 1 is no longer current, so it can be rolled back to again; the current one cannot.
    await expect(first.getByRole('button', { name: 'Roll back to revision 1' })).toBeEnabled();
    await expect(rolledBack.getByRole('button', { name: /Roll back/ })).toHaveCount(0);
    await app.getByTestId('helm-revisions').scrollIntoViewIfNeeded();
    await screenshot(app, 'rollback-history');

    await app.getByTestId('delete-store').click();
    await app.getByTestId('delete-confirm-input').fill(name);
    await app.getByTestId('delete-confirm-submit').click();
    await expect(app.getByTestId(`store-row-${name}`)).toHaveCount(0, { timeout: 150_000 });
  });
});
