import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestEngine, type TestEngine } from '../../test-rig/engine/test-engine';
import { connectCluster } from '../../src-main/engine/cluster-adapter';
import { findTool } from '../../src-main/tools/find-tool';
import { createKubeClients } from '../../src-main/kube/client';
import { probeContext } from '../../src-main/contexts/probe-context';
import {
  createLocalCluster,
  deleteLocalCluster,
  type K3dRunOptions,
} from '../../src-main/first-run/k3d-cluster';
import { HOST_PORTS, k3dUnavailableReason } from './k3d-env';
import { waitForTraefik } from './traefik-wait';

const reason = await k3dUnavailableReason();
if (reason) console.log(`[k3d e2e] skipped: ${reason}`);
const title = reason
  ? `real store on k3d (skipped: ${reason})`
  : 'real store on k3d with Traefik and the official images';

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

  it('provisions a store, places a COD order through Traefik, and deletes it leaving nothing', async () => {
    if (!t) throw new Error('engine not started');
    const name = `shop-${randomBytes(2).toString('hex')}`;
    const store = t.engine.create({ context, name, kind: 'woocommerce' });
    expect(store.url).toBe(`http://${name}.localhost`);
    await t.engine.settled(store.id);
    const ready = t.repo.get(store.id);
    expect(ready?.error ?? null).toBeNull();
    expect(ready?.status).toBe('Ready');
    const verify = t.engine
      .get(store.id)
      .events.find((e) => e.step === 'verify' && e.status === 'succeeded');
    expect(verify?.message).toMatch(/Order #\d+ placed with Cash on Delivery/);

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
  });
});
