// Provisioning benchmark: create→Ready latency per store at concurrency 1 and 4, total wall
// time for each, delete→namespace-gone latency (stores deleted one at a time, and twenty at
// once), and the engine's own overhead per store
// (create→Ready minus queueing, time inside Helm and the cluster's own readiness), against
// the test cluster.
// Run: npm run bench:provision -- --stores 20 [--runs 3]
// Set STOREFLEET_TEST_CLUSTER_REUSE=<kubeconfig> to reuse a cluster from `npm run cluster:up`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startCluster } from '../../test-rig/cluster/cluster';
import { readReusedCluster } from '../../test-rig/cluster/reuse';
import { findToolchain } from '../../test-rig/cluster/toolchain';
import type { TestClusterInfo } from '../../test-rig/cluster/types';
import {
  startStoreApiStandIn,
  type StoreApiStandIn,
} from '../../test-rig/stand-ins/woocommerce/store-api-stand-in';
import { connectCluster } from '../../src-main/engine/cluster-adapter';
import { buildTestEngine } from '../../test-rig/engine/test-engine';
import { createKubeClients } from '../../src-main/kube/client';
import { splitOverhead, type Overhead } from './overhead';
import { TimingRecorder, timedCluster, watchReadiness } from './provision-timing';
import { median, percentile } from './stats';

interface PhaseResult {
  concurrency: number;
  readyMs: number[];
  wallMs: number;
  deleteMs: number[];
  overhead: Overhead[];
  /** per step, how long each store spent in it (started → succeeded) */
  stepMs: Map<string, number[]>;
  failed: string[];
}

/** pkg/controller/namespace: the controller waits this long before it empties a namespace */
const NAMESPACE_DELETION_GRACE_MS = 5_000;
const log = (line: string): void => void process.stderr.write(`${line}\n`);

async function phase(
  cluster: TestClusterInfo,
  standIn: StoreApiStandIn,
  stores: number,
  concurrency: number,
  tag: string,
): Promise<PhaseResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'storefleet-bench-'));
  const rec = new TimingRecorder();
  const kube = createKubeClients({ kubeconfig: cluster.kubeconfigPath, context: cluster.context });
  const watcher = await watchReadiness(kube.kc, rec);
  const t = buildTestEngine({
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
  try {
    const names = Array.from({ length: stores }, (_, i) => `bench-${tag}-${i}`);
    for (const name of names) standIn.addStore(`${name}.localhost`);
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
      const store = t.engine.create({ context: cluster.context, name, kind: 'woocommerce' });
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
    for (const name of names) standIn.removeStore(`${name}.localhost`);
    return { concurrency, readyMs, wallMs, deleteMs, overhead, stepMs, failed };
  } finally {
    await t.close();
    await watcher.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const round = (ms: number): number => Math.round(ms);

function overheadMedians(all: Overhead[]): Record<keyof Overhead, number> {
  const keys: (keyof Overhead)[] = ['totalMs', 'queuedMs', 'helmMs', 'clusterMs', 'engineMs'];
  return Object.fromEntries(keys.map((k) => [k, round(median(all.map((o) => o[k])))])) as Record<
    keyof Overhead,
    number
  >;
}

function stepMedians(maps: Map<string, number[]>[]): Record<string, number> {
  const all = new Map<string, number[]>();
  for (const m of maps) {
    for (const [step, samples] of m) all.set(step, [...(all.get(step) ?? []), ...samples]);
  }
  return Object.fromEntries([...all].map(([step, samples]) => [step, round(median(samples))]));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { stores: { type: 'string', default: '20' }, runs: { type: 'string', default: '1' } },
  });
  const stores = Number(values.stores);
  const runs = Number(values.runs);
  if (!Number.isInteger(stores) || stores < 1 || stores > 100)
    throw new Error('--stores must be 1..100');
  if (!Number.isInteger(runs) || runs < 1 || runs > 10) throw new Error('--runs must be 1..10');

  const binDir = await findToolchain(log);
  const reuse = process.env.STOREFLEET_TEST_CLUSTER_REUSE;
  const started = reuse ? null : await startCluster({ binDir, log });
  const cluster = reuse ? await readReusedCluster(reuse, binDir) : (started as TestClusterInfo);
  const standIn = await startStoreApiStandIn();
  try {
    const results: { c1: PhaseResult; c4: PhaseResult }[] = [];
    for (let run = 0; run < runs; run++) {
      const c1 = await phase(cluster, standIn, stores, 1, `r${run}c1`);
      log(`run ${run + 1}: concurrency 1 done in ${round(c1.wallMs)} ms`);
      const c4 = await phase(cluster, standIn, stores, 4, `r${run}c4`);
      log(`run ${run + 1}: concurrency 4 done in ${round(c4.wallMs)} ms`);
      results.push({ c1, c4 });
    }
    const summary = (pick: (r: { c1: PhaseResult; c4: PhaseResult }) => PhaseResult) => ({
      readyP50Ms: round(median(results.map((r) => median(pick(r).readyMs)))),
      readyP95Ms: round(median(results.map((r) => percentile(pick(r).readyMs, 95)))),
      wallMs: round(median(results.map((r) => pick(r).wallMs))),
      perStoreP50Ms: overheadMedians(results.flatMap((r) => pick(r).overhead)),
      engineOverheadP95Ms: round(
        percentile(
          results.flatMap((r) => pick(r).overhead.map((o) => o.engineMs)),
          95,
        ),
      ),
      stepP50Ms: stepMedians(results.map((r) => pick(r).stepMs)),
      failed: results.flatMap((r) => pick(r).failed),
    });
    const c1 = summary((r) => r.c1);
    const c4 = summary((r) => r.c4);
    const oneAtATime = results.flatMap((r) => r.c1.deleteMs);
    const allAtOnce = results.flatMap((r) => r.c4.deleteMs);
    const report = {
      stores,
      runs,
      concurrency1: c1,
      concurrency4: c4,
      speedup: Math.round((c1.wallMs / Math.max(1, c4.wallMs)) * 100) / 100,
      deleteToNamespaceGone: {
        oneAtATimeP50Ms: round(median(oneAtATime)),
        oneAtATimeP95Ms: round(percentile(oneAtATime, 95)),
        allAtOnceP50Ms: round(median(allAtOnce)),
        allAtOnceP95Ms: round(percentile(allAtOnce, 95)),
        floorMs: NAMESPACE_DELETION_GRACE_MS,
        floor:
          "Kubernetes' namespace controller starts on a deleted namespace 5 s after the delete (namespaceDeletionGracePeriod)",
      },
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await standIn.close();
    await started?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
