// First run as a new user has it: an empty HOME, no kubeconfig and no Helm. The serve host is
// started for each state with its own HOME and data folder (not the shared test cluster); the
// docker on this machine has no daemon, which is one of the states.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { startServeProcess } from '../support/serve-process';
import type { ServeProcess } from '../support/serve-process';
import { screenshot } from '../support/ui';

let home: string;
let serve: ServeProcess | null = null;

test.beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'storefleet-first-run-'));
});
test.afterEach(async () => {
  await serve?.stop();
  serve = null;
  await rm(home, { recursive: true, force: true });
});

/** Only node's folder on the PATH: no helm, no k3d (the usual folders are still searched). */
async function start(page: Page): Promise<void> {
  serve = await startServeProcess({
    kubeconfig: '',
    dataDir: join(home, 'data'),
    storefrontPort: 0,
    binDir: dirname(process.execPath),
    env: { HOME: home, KUBECONFIG: '', PATH: `${dirname(process.execPath)}:/usr/bin:/bin` },
  });
  await page.goto(serve.url);
}

test.describe('first run (empty HOME, no kubeconfig, no Helm)', () => {
  test('no kubeconfig: one next step, and what is on this computer', async ({ page }) => {
    await start(page);
    const screen = page.getByTestId('first-run');
    await expect(screen).toHaveAttribute(
      'data-step',
      /install-docker|start-docker|install-k3d|create-cluster/,
    );
    await expect(page.getByText('Choose a Kubernetes context in the top bar')).toHaveCount(0);
    await expect(screen.getByText('No Kubernetes cluster yet')).toBeVisible();
    await expect(screen.getByTestId('setup-helm')).toContainText('not found');
    await expect(screen.getByTestId('setup-docker')).toBeVisible();
    // The Helm banner says what is wrong once, with the download offered.
    const helm = page.getByTestId('banner-helm');
    await expect(helm).toContainText('Helm is missing');
    await expect(helm.getByRole('button', { name: /Download Helm/ })).toBeVisible();
    await screenshot(page, 'first-run-no-kubeconfig');
  });

  test('a context whose cluster is not running: start it', async ({ page }) => {
    await mkdir(join(home, '.kube'));
    await writeFile(
      join(home, '.kube', 'config'),
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters: [{name: k3d-dev, cluster: {server: "https://127.0.0.1:1"}}]',
        'users: [{name: admin@k3d-dev, user: {token: stand-in}}]',
        'contexts: [{name: k3d-dev, context: {cluster: k3d-dev, user: admin@k3d-dev}}]',
        'current-context: k3d-dev',
        '',
      ].join('\n'),
    );
    await start(page);
    const screen = page.getByTestId('first-run');
    await expect(screen).toHaveAttribute('data-step', 'start-cluster');
    await expect(screen.getByText('k3d-dev is not answering')).toBeVisible();
    await screenshot(page, 'first-run-cluster-not-running');
  });
});
