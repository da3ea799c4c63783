import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestEngine, REPO_ROOT, type TestEngine } from '../../test-rig/engine/test-engine';
import { connectCluster } from '../../src-main/engine/cluster-adapter';
import { findTool } from '../../src-main/tools/find-tool';
import { createKubeClients } from '../../src-main/kube/client';
import { probeContext } from '../../src-main/contexts/probe-context';
import {
  createLocalCluster,
  deleteLocalCluster,
  type K3dRunOptions,
} from '../../src-main/first-run/k3d-cluster';
import { listNodeImages } from '../../src-main/store-kinds/medusa/image/node-images';
import { listsImage, medusaImageRef } from '../../src-main/store-kinds/medusa/image/image-ref';
import { imageTag } from '../../src-main/store-kinds/medusa/image/image-tag';
import type { Store } from '../../src-shared/types/store-types';
import { HOST_PORTS, k3dUnavailableReason } from './k3d-env';
import { adminToken, getOk, storeHttp } from './medusa-admin';
import { waitForTraefik } from './traefik-wait';

const reason = await k3dUnavailableReason();
if (reason) console.log(`[k3d e2e] skipped: ${reason}`);
const title = reason
  ? `real store on k3d (skipped: ${reason})`
  : 'real stores on k3d with Traefik: WooCommerce from the official images, Medusa from images/medusa';

describe.skipIf(reason !== null)(title, () => {
  const cluster = `sf-e2e-${randomBytes(3).toString('hex')}`;
  const context = `k3d-${cluster}`;
  let dir = '';
  let kubeconfig = '';
  let t: TestEngine | undefined;
  let helmPath = 'helm';
  let k3dRun: K3dRunOptions | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'storefleet-k3d-'));
    kubeconfig = join(dir, 'kubeconfig.yaml');
    // The cluster is made as the app makes it ("Create local cluster"): the web ports on k3d's
    // load balancer, the API, Traefik's IngressClass and the default StorageClass waited for,
    // the context written by k3d into the one KUBECONFIG file given here (not ~/.kube/config).
    const k3dTool = await findTool('k3d', { env: process.env });
    if (!k3dTool.path) throw new Error(k3dTool.problem ?? 'k3d was not found');
    k3dRun = { k3dPath: k3dTool.path, env: { ...process.env, KUBECONFIG: kubeconfig } };
    const selected: string[] = [];
    const made = await createLocalCluster({
      ...k3dRun,
      name: cluster,
      httpPort: HOST_PORTS[0],
      httpsPort: HOST_PORTS[1],
      probe: (ctx) => probeContext({ kubeconfig, context: ctx }),
      selectContext: (ctx) => {
        selected.push(ctx);
        return Promise.resolve();
      },
      onProgress: (p) => console.log(`[k3d e2e] ${p.phase}: ${p.line}`),
    });
    expect(made).toBe(context);
    expect(selected).toEqual([context]);
    // The app's wait covers the IngressClass; the store's order needs Traefik to serve on the
    // host port, which k3d's load balancer refuses until then.
    await waitForTraefik(
      { kubeconfig, context },
      { timeoutMs: 5 * 60_000, httpPort: HOST_PORTS[0], log: console.log },
    );
    const helm = await findTool('helm', { configuredPath: null });
    if (!helm.path) throw new Error(helm.problem ?? 'helm was not found');
    helmPath = helm.path;
    t = buildTestEngine({
      dataDir: dir,
      kubeconfig,
      context,
      helmPath: helm.path,
      timeouts: {
        helmMs: 10 * 60_000,
        waitMs: 15 * 60_000,
        verifyMs: 5 * 60_000,
        deleteMs: 10 * 60_000,
      },
    });
  });

  /** The store's volumes, by the claim they are bound to, whatever their phase. */
  async function volumesOf(namespace: string): Promise<string[]> {
    const kube = createKubeClients({ kubeconfig, context });
    const all = await kube.core.listPersistentVolume();
    return all.items
      .filter((pv) => pv.spec?.claimRef?.namespace === namespace)
      .map((pv) => `${pv.metadata?.name ?? '?'} (${pv.status?.phase ?? '?'})`);
  }

  afterAll(async () => {
    await t?.close();
    if (k3dRun) {
      await deleteLocalCluster(cluster, k3dRun).catch((error: unknown) =>
        console.log(`[k3d e2e] cluster delete failed: ${String(error)}`),
      );
    }
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Deletes the store and checks that nothing of it is left: release, namespace, volumes. */
  async function deleteLeavingNothing(store: Store): Promise<void> {
    if (!t) throw new Error('engine not started');
    const volumes = await volumesOf(store.namespace);
    expect(volumes.length).toBeGreaterThan(0);
    await t.engine.delete(store.id);
    await t.engine.settled(store.id);
    const deleted = t.repo.get(store.id);
    expect(deleted?.error ?? null).toBeNull();
    expect(deleted?.status).toBe('Deleted');
    // local-path removes each volume through a helper pod after the namespace is gone: the
    // delete may have waited for that, and said so, but it ends only once they are gone.
    const check = t.engine.get(store.id).events.filter((e) => e.step === 'check-leftovers');
    for (const e of check.filter((ev) => ev.status === 'progress')) {
      expect(e.message).toMatch(/^Waiting for \d+ volumes? to be removed by the provisioner: /);
    }
    expect(check.find((e) => e.status === 'succeeded')?.message).toMatch(
      /^Nothing of the store is left/,
    );
    expect(await volumesOf(store.namespace)).toEqual([]);
    const c = connectCluster({ kubeconfig, context }, helmPath);
    expect(await c.findLeftovers(store.namespace, store.id)).toEqual([]);
    expect(await c.getNamespace(store.namespace)).toBeNull();
  }

  function succeeded(storeId: string, step: string): string | undefined {
    return t?.engine.get(storeId).events.find((e) => e.step === step && e.status === 'succeeded')
      ?.message;
  }

  it('provisions a store, places a COD order through Traefik, and deletes it leaving nothing', async () => {
    if (!t) throw new Error('engine not started');
    const name = `shop-${randomBytes(2).toString('hex')}`;
    const store = t.engine.create({ context, name, kind: 'woocommerce' });
    expect(store.url).toBe(`http://${name}.localhost`);
    await t.engine.settled(store.id);
    const ready = t.repo.get(store.id);
    expect(ready?.error ?? null).toBeNull();
    expect(ready?.status).toBe('Ready');
    expect(succeeded(store.id, 'verify')).toMatch(/Order #\d+ placed with Cash on Delivery/);
    await deleteLeavingNothing(store);
  });

  // The first build of images/medusa (npm ci twice, medusa build with the dashboard) takes
  // many minutes; the image step has its own 30 min build and 10 min import limits.
  it(
    'builds and imports the Medusa image, places an order through the Store API via Traefik, signs in to the admin, and deletes the store leaving nothing',
    { timeout: 75 * 60_000 },
    async () => {
      if (!t) throw new Error('engine not started');
      const name = `med-${randomBytes(2).toString('hex')}`;
      const created = t.engine.create({ context, name, kind: 'medusa' });
      expect(created.url).toBe(`http://${name}.localhost`);
      expect(created.adminUrl).toBe(`${created.url}/app`);
      await t.engine.settled(created.id);
      const store = t.repo.get(created.id);
      expect(store?.error ?? null).toBeNull();
      expect(store?.status).toBe('Ready');
      if (!store) throw new Error('the store is gone');

      // The image step built this tree's images/medusa and imported it into this cluster; the
      // Deployment runs exactly that image, which every node holds.
      const tag = await imageTag(join(REPO_ROOT, 'images', 'medusa'));
      const ref = medusaImageRef(tag);
      expect(succeeded(store.id, 'image')).toBe(
        `Built the Medusa image ${ref} and imported it into the k3d cluster ${cluster}.`,
      );
      expect(t.repo.settings(store.id)).toMatchObject({
        medusaImageRepository: 'storefleet/medusa-backend',
        medusaImageTag: tag,
      });
      const kube = createKubeClients({ kubeconfig, context });
      const deployment = await kube.apps.readNamespacedDeployment({
        name: `${name}-medusa`,
        namespace: store.namespace,
      });
      const images = (deployment.spec?.template.spec?.containers ?? []).map((c) => c.image);
      expect(images).toContain(ref);
      const nodes = await listNodeImages(kube.core);
      expect(nodes.length).toBeGreaterThan(0);
      for (const node of nodes) expect(listsImage(node.images, ref)).toBe(true);

      // Ready means one real order through the Store API with the system payment provider.
      const verify = succeeded(store.id, 'verify') ?? '';
      const placed = /^Order #(\d+) placed with the system payment provider \((\w+)\)$/.exec(
        verify,
      );
      expect(placed, verify).not.toBeNull();

      // The order, seen by the admin API with the login the app reveals.
      const creds = await t.engine.revealCredentials(store.id);
      expect(creds.username).toBe(`admin@${name}.localhost`);
      expect(creds.adminUrl).toBe(`${store.url}/app`);
      expect(creds.publishableKey).toMatch(/^pk_/);
      const http = storeHttp(store.url);
      const token = await adminToken(http, creds);
      const list = await getOk(http, '/admin/orders?limit=50', token);
      const orders = list.orders as { id: string; display_id: number }[];
      expect(orders).toHaveLength(1);
      expect(String(orders[0]?.display_id)).toBe(placed?.[1]);
      const order = (
        await getOk(http, `/admin/orders/${orders[0]?.id ?? ''}?fields=+payment_status`, token)
      ).order as { status: string; payment_status: string };
      expect(order.status).toBe(placed?.[2]);
      expect(order.payment_status).toBe('authorized');

      // The dashboard is served at /app (values-local.yaml keeps it on).
      const app = await http.call('GET', '/app');
      expect(app.status).toBe(200);
      expect(app.headers['content-type']).toMatch(/^text\/html/);
      expect(app.text).toContain('<div id="medusa">');

      // Its sign-in works over plain http: MEDUSA_COOKIE_SECURE=false gives a session cookie
      // without Secure, and that cookie alone is an admin session.
      const session = await http.call('POST', '/auth/session', { token });
      expect(session.status).toBe(200);
      const cookie = session.headers['set-cookie'] ?? '';
      expect(cookie).toMatch(/^connect\.sid=/);
      expect(cookie).not.toMatch(/;\s*Secure/i);
      const me = await http.call('GET', '/admin/users/me', { cookie: cookie.split(';')[0] });
      expect(me.status).toBe(200);
      expect((me.json.user as { email?: string } | undefined)?.email).toBe(creds.username);

      await deleteLeavingNothing(store);
    },
  );
});
