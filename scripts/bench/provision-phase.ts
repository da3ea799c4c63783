// One phase of the provisioning benchmark: `stores` stores of one kind created at a given
// concurrency on the test cluster, timed to Ready (with the engine's own overhead and each
// step), then deleted and timed until their namespaces are gone.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestClusterInfo } from '../../test-rig/cluster/types';
import type { StoreApiStandIn } from '../../test-rig/stand-ins/woocommerce/store-api-stand-in';
import { connectCluster } from '../../src-main/engine/cluster-adapter';
import { buildTestEngine } from '../../test-rig/engine/test-engine';
import { createKubeClients } from '../../src-main/kube/client';
import { splitOverhead, type Overhead } from './overhead';
import type { KindRig } from './provision-kinds';
import { TimingRecorder, timedCluster, watchReadiness } from './provision-timing';

export interface PhaseResult {
  concurrency: number;
  readyMs: number[];
  wallMs: number;
  deleteMs: number[];
  overhead: Overhead[];
  /** per step, how long each store spent in it (started → succeeded) */
  stepMs: Map<string, number[]>;
  failed: string[];
}

export interface PhaseOptions {
  cluster: TestClusterInfo;
  /** the WooCommerce Store API stand-in: the port every store's URL names */
  standIn: StoreApiStandIn;
  rig: KindRig;
  stores: number;
  concurrency: number;
  tag: string;
}

export async function phase(o: PhaseOptions): Promise<PhaseResult> {
  const { cluster, standIn, rig, stores, concurrency, tag } = o;
  const dataDir = await mkdtemp(join(tmpdir(), 'storefleet-bench-'));
  const rec = new TimingRecorder();
  const kube = createKubeClients({ kubeconfig: cluster.kubeconfigPath, context: cluster.context });
  const watcher = await watchReadiness(kube.kc, rec);
  const t = buildTestEngine({
    ...rig.engineOptions,
    connectCluster: (target, helm) => timedCluster(connectCluster(target, helm), rec),
    dataDir,
    kubeconfig: cluster.kubeconfigPath,
    context: cluster.context,
    helmPath: join(cluster.binDir, 'helm'),
    storefrontPort: standIn.port,
    settings: {
      maxConcurrentProvisions: concurrency,
      maxCreatesPerMinute: 60,
      maxStoresPerContext: Math.max(stores, 20),
    },
  });
  const names = Array.from({ length: stores }, (_, i) => `bench-${tag}-${i}`);
  try {
    await rig.addStores(names);
    const createdAt = new Map<string, number>();
    const readyAt = new Map<string, number>();
    const startedAt = new Map<string, number>();
    const stepStart = new Map<string, number>();
    const stepMs = new Map<string, number[]>();
    const nsGone = new Map<string, number>();
    t.engine.onStoreUpdated((s) => {
      if (s.status === 'Ready' && !readyAt.has(s.id)) readyAt.set(s.id, performance.now());
    });
    t.engine.onStoreEvent((e) => {
      const now = performance.now();
      if (e.step === 'validate' && e.status === 'started') startedAt.set(e.storeId, now);
      if (e.status === 'started') stepStart.set(`${e.storeId}/${e.step}`, now);
      const began = stepStart.get(`${e.storeId}/${e.step}`);
      if (e.status === 'succeeded' && began !== undefined) {
        stepMs.set(e.step, [...(stepMs.get(e.step) ?? []), now - began]);
      }
      if (e.step === 'delete-namespace' && e.status === 'succeeded') nsGone.set(e.storeId, now);
    });
    const started = performance.now();
    const ids = names.map((name) => {
      const at = performance.now();
      const store = t.engine.create({ context: cluster.context, name, kind: rig.kind });
      createdAt.set(store.id, at);
      return store.id;
    });
    await Promise.all(ids.map((id) => t.engine.settled(id)));
    const wallMs = performance.now() - started;
    const readyMs: number[] = [];
    const overhead: Overhead[] = [];
    for (const id of ids) {
      const created = createdAt.get(id);
      const ready = readyAt.get(id);
      const store = t.repo.get(id);
      if (created === undefined || ready === undefined || !store) continue;
      readyMs.push(ready - created);
      overhead.push(
        splitOverhead({
          createdAt: created,
          startedAt: startedAt.get(id) ?? created,
          readyAt: ready,
          helm: rec.helm.get(store.namespace) ?? [],
          workloadsReadyAt: [...(rec.ready.get(store.namespace)?.values() ?? [])],
        }),
      );
    }
    const failed = t.repo
      .list()
      .filter((s) => s.status !== 'Ready')
      .map((s) => `${s.name}: ${s.step} ${s.error}`);

    // At concurrency 1 the stores are deleted one after another, each alone on the cluster; at
    // concurrency 4 all of them at once, a burst that makes Helm and the namespace controller
    // share the machine.
    const deleteStart = new Map<string, number>();
    for (const id of ids) {
      deleteStart.set(id, performance.now());
      await t.engine.delete(id);
      if (concurrency === 1) await t.engine.settled(id);
    }
    await Promise.all(ids.map((id) => t.engine.settled(id)));
    const deleteMs = ids.flatMap((id) => {
      const end = nsGone.get(id);
      const start = deleteStart.get(id);
      return end !== undefined && start !== undefined ? [end - start] : [];
    });
    return { concurrency, readyMs, wallMs, deleteMs, overhead, stepMs, failed };
  } finally {
    await t.close();
    await watcher.stop();
    await rig.removeStores(names);
    await rm(dataDir, { recursive: true, force: true });
  }
}
