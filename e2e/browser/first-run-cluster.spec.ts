// First run to a first Ready store without a terminal: an empty HOME with no kubeconfig, Docker
// and k3d present (named stand-ins: docker answers as a running Docker 28, k3d as k3d 5 with
// port 80 taken on this computer). "Create local cluster" meets the taken port, the user takes
// the free one offered, the stand-in k3d writes its `k3d-storefleet` context (pointing at the test
// cluster's API server), the app waits for it and selects it, and a WooCommerce store created
// there goes Ready at an address that carries the port (storefront: the Store API stand-in,
// reached through a STAND-IN of k3d's load balancer on that port).
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, test } from '@playwright/test';
import {
  startStoreApiStandIn,
  type StoreApiStandIn,
} from '../../test-rig/stand-ins/woocommerce/store-api-stand-in';
import { standInCalls, standInDocker, standInK3d } from '../../test-rig/tools/stand-in-clis';
import {
  k3dKubeconfigTemplate,
  startLoadBalancerStandIn,
  type LoadBalancerStandIn,
} from '../support/first-run-host';
import { startServeProcess, type ServeProcess } from '../support/serve-process';
import { startE2eCluster, type E2eCluster } from '../support/test-cluster';
import { createStore, openStorePage, screenshot } from '../support/ui';

const log = (line: string): void => void process.stderr.write(`${line}\n`);

let cluster: E2eCluster | undefined;
let standIn: StoreApiStandIn | undefined;
let root: string;
let serve: ServeProcess | null = null;
let lb: LoadBalancerStandIn | null = null;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  root = await mkdtemp(join(tmpdir(), 'storefleet-first-cluster-'));
  cluster = await startE2eCluster(log);
  standIn = await startStoreApiStandIn();
});
test.afterAll(async () => {
  try {
    await serve?.stop();
  } finally {
    await lb?.close();
    await standIn?.close();
    await cluster?.stop();
    await rm(root, { recursive: true, force: true });
  }
});

test('a cluster created through the app is selected and gets a Ready store', async ({ page }) => {
  test.setTimeout(300_000);
  if (!cluster || !standIn) throw new Error('the test cluster and stand-in start in beforeAll');
  const home = join(root, 'home');
  const bin = join(root, 'bin');
  await mkdir(home);
  await standInDocker(bin, 'running');
  await standInK3d(bin, 'port-80-taken', {
    kubeconfigTemplate: await k3dKubeconfigTemplate(cluster.kubeconfigPath),
  });
  serve = await startServeProcess({
    kubeconfig: '',
    dataDir: join(root, 'data'),
    storefrontPort: 0,
    binDir: bin,
    env: {
      HOME: home,
      KUBECONFIG: '',
      // No port for stores unless the context's cluster says one.
      STOREFLEET_STOREFRONT_PORT: '',
      // The stand-ins, then the test toolchain's helm, then node; no real docker or k3d.
      PATH: `${bin}:${cluster.binDir}:${dirname(process.execPath)}:/usr/bin:/bin`,
    },
  });
  await page.goto(serve.url);

  const screen = page.getByTestId('first-run');
  await expect(screen).toHaveAttribute('data-step', 'create-cluster');
  await expect(screen.getByTestId('setup-docker')).toContainText('28.2.2');
  await expect(screen.getByTestId('setup-k3d')).toContainText('v5.8.3');
  await screenshot(page, 'first-run-create-cluster');

  await screen.getByRole('button', { name: 'Create local cluster' }).click();
  const usePort = screen.getByRole('button', { name: /^Use port \d+$/ });
  await expect(usePort).toBeVisible({ timeout: 30_000 });
  await expect(screen.getByRole('status')).toContainText('Another program already uses port 80');
  await screenshot(page, 'first-run-port-taken');
  const port = Number(/\d+/.exec((await usePort.textContent()) ?? '')?.[0]);
  expect(port).toBeGreaterThan(1024);
  // What k3d's load balancer would do on that port once the cluster is up.
  lb = await startLoadBalancerStandIn(port, standIn.port);

  await usePort.click();
  await expect(page.getByTestId('context-switcher')).toContainText('k3d-storefleet', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('create-store-button')).toBeEnabled({ timeout: 30_000 });
  expect((await standInCalls(bin, 'k3d')).filter((args) => args[1] === 'create')).toEqual([
    [
      'cluster',
      'create',
      'storefleet',
      '-p',
      '80:80@loadbalancer',
      '-p',
      '443:443@loadbalancer',
      '--wait',
    ],
    ['cluster', 'create', 'storefleet', '-p', `${port}:80@loadbalancer`, '--wait'],
  ]);
  const kubeconfig = await readFile(join(home, '.kube', 'config'), 'utf8');
  expect(kubeconfig).toContain('current-context: k3d-storefleet');
  await screenshot(page, 'first-run-cluster-selected');

  const name = `first-${Math.random().toString(16).slice(2, 8)}`;
  standIn.addStore(`${name}.localhost`);
  await createStore(page, name);
  await openStorePage(page, name);
  await expect(page.getByTestId(`store-status-${name}`)).toHaveAttribute('data-status', 'Ready', {
    timeout: 180_000,
  });
  await expect(page.getByTestId('store-page')).toContainText(`http://${name}.localhost:${port}`);
  expect(standIn.orders(`${name}.localhost`)).toHaveLength(1);
  expect(lb.connections()).toBeGreaterThan(0);
  await screenshot(page, 'first-run-cluster-store-ready');

  // Nothing stays on the test cluster.
  await page.getByTestId('delete-store').click();
  await page.getByTestId('delete-confirm-input').fill(name);
  await page.getByTestId('delete-confirm-submit').click();
  await expect(page.getByTestId(`store-row-${name}`)).toHaveCount(0, { timeout: 150_000 });
});
