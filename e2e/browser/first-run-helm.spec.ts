// Helm missing on a reachable cluster: the kubeconfig points at the test cluster, but Helm is
// on no PATH and in no usual folder (an empty HOME). The screen says Helm is missing with the
// one next step; "Download Helm" fetches the pinned release from a STAND-IN of get.helm.sh on this
// computer (STOREFLEET_HELM_DOWNLOAD_URL, the test seam), checks its published SHA-256, shows the
// progress, and then a store can be created with that Helm (storefront: the Store API stand-in).
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, test } from '@playwright/test';
import {
  startStoreApiStandIn,
  type StoreApiStandIn,
} from '../../test-rig/stand-ins/woocommerce/store-api-stand-in';
import { PINNED_HELM_VERSION } from '../../src-main/tools/helm-release';
import { startHelmDownloadStandIn, type HelmDownloadStandIn } from '../support/first-run-host';
import { startServeProcess, type ServeProcess } from '../support/serve-process';
import { startE2eCluster, type E2eCluster } from '../support/test-cluster';
import { createStore, openStorePage, screenshot } from '../support/ui';

const log = (line: string): void => void process.stderr.write(`${line}\n`);

let cluster: E2eCluster | undefined;
let standIn: StoreApiStandIn | undefined;
let getHelm: HelmDownloadStandIn | undefined;
let root: string;
let serve: ServeProcess | null = null;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  root = await mkdtemp(join(tmpdir(), 'storefleet-first-helm-'));
  cluster = await startE2eCluster(log);
  standIn = await startStoreApiStandIn();
  getHelm = await startHelmDownloadStandIn(join(cluster.binDir, 'helm'));
});
test.afterAll(async () => {
  try {
    await serve?.stop();
  } finally {
    await getHelm?.close();
    await standIn?.close();
    await cluster?.stop();
    await rm(root, { recursive: true, force: true });
  }
});

test('Helm missing on a reachable cluster: download it from the app, then create a store', async ({
  page,
}) => {
  test.setTimeout(300_000);
  if (!cluster || !standIn || !getHelm) throw new Error('the stand-ins start in beforeAll');
  const home = join(root, 'home');
  const dataDir = join(root, 'data');
  await mkdir(home);
  serve = await startServeProcess({
    kubeconfig: cluster.kubeconfigPath,
    dataDir,
    storefrontPort: standIn.port,
    binDir: dirname(process.execPath),
    env: {
      HOME: home,
      // node only: no helm on the PATH, none in the usual folders of this machine.
      PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
      STOREFLEET_HELM_DOWNLOAD_URL: getHelm.url,
    },
  });
  await page.goto(serve.url);

  const screen = page.getByTestId('first-run');
  await expect(screen).toHaveAttribute('data-step', 'get-helm');
  await expect(screen.getByText('Storefleet needs Helm')).toBeVisible();
  await expect(page.getByTestId('banner-helm')).toContainText('Helm is missing');
  // The cluster answers: the screen is not about the cluster.
  await expect(page.getByText('is not answering')).toHaveCount(0);
  await screenshot(page, 'first-run-helm-missing');

  await screen.getByRole('button', { name: `Download Helm ${PINNED_HELM_VERSION}` }).click();
  const progress = screen.getByRole('progressbar', { name: 'Helm download' });
  await expect(progress).toBeVisible();
  // Bytes arrive: a later progress line than the first (0.0 of 1.5 MB).
  await expect(screen.getByRole('status')).toContainText(
    /Downloading Helm [\d.]+\. (0\.[1-9]|[1-9][\d.]*) of [\d.]+ MB\./,
  );
  await screenshot(page, 'first-run-helm-downloading');

  await expect(page.getByTestId('create-store-button')).toBeEnabled({ timeout: 60_000 });
  await expect(page.getByTestId('banner-helm')).toHaveCount(0);
  const archive = getHelm.requests.filter((path) => path.endsWith('.tar.gz'));
  expect(getHelm.requests.filter((path) => path.endsWith('.sha256sum'))).toHaveLength(1);
  expect(archive).toHaveLength(1);
  expect((await stat(join(dataDir, 'bin', 'helm'))).isFile()).toBe(true);
  await screenshot(page, 'first-run-helm-installed');

  const name = `helm-${Math.random().toString(16).slice(2, 8)}`;
  standIn.addStore(`${name}.localhost`);
  await createStore(page, name);
  await openStorePage(page, name);
  await expect(page.getByTestId(`store-status-${name}`)).toHaveAttribute('data-status', 'Ready', {
    timeout: 180_000,
  });
  expect(standIn.orders(`${name}.localhost`)).toHaveLength(1);

  // Nothing stays on the test cluster.
  await page.getByTestId('delete-store').click();
  await page.getByTestId('delete-confirm-input').fill(name);
  await page.getByTestId('delete-confirm-submit').click();
  await expect(page.getByTestId(`store-row-${name}`)).toHaveCount(0, { timeout: 150_000 });
});
