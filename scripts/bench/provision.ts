// Provisioning benchmark: create→Ready latency per store at concurrency 1 and 4, total wall
// time for each, and delete→namespace-gone latency, against the test cluster.
// Run: npm run bench:provision -- --stores 20 [--runs 3]
// Set STOREFLEET_TEST_CLUSTER_REUSE=<kubeconfig> to reuse a cluster from `npm run cluster:up`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startCluster } from '../cluster/cluster';
import { readReusedCluster } from '../cluster/reuse';
import { findToolchain } from '../cluster/toolchain';
import type { TestClusterInfo } from '../cluster/types';
import {
  startStoreApiStandIn,
  type StoreApiStandIn,
} from '../../src-main/engines/woocommerce/store-api-stand-in';
import { buildTestEngine } from '../../src-main/engine/testing/test-engine';
import { median, percentile } from './stats';

interface PhaseResult {
  concurrency: number;
  readyMs: number[];
  wallMs: number;
  deleteMs: number[];
  failed: string[];
}

const log = (line: string): void => void process.stderr.write(`${line}\n`);

async function phase(
  cluster: TestClusterInfo,
  standIn: StoreApiStandIn,
  stores: number,
  concurrency: number,
  tag: string,
): Promise<PhaseResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'storefleet-bench-'));
  const t = buildTestEngine({
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
    const readyMs: number[] = [];
    const nsGone = new Map<string, number>();
    t.engine.onStoreUpdated((s) => {
      const start = createdAt.get(s.id);
      if (s.status === 'Ready' && start !== undefined) readyMs.push(performance.now() - start);
    });
    t.engine.onStoreEvent((e) => {
      if (e.step === 'delete-namespace' && e.status === 'succeeded')
        nsGone.set(e.storeId, performance.now());
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
    const failed = t.repo
      .list()
      .filter((s) => s.status !== 'Ready')
      .map((s) => `${s.name}: ${s.step} ${s.error}`);

    const deleteStart = new Map<string, number>();
    for (const id of ids) {
      deleteStart.set(id, performance.now());
      await t.engine.delete(id);
    }
    await Promise.all(ids.map((id) => t.engine.settled(id)));
    const deleteMs = ids.flatMap((id) => {
      const end = nsGone.get(id);
      const start = deleteStart.get(id);
      return end !== undefined && start !== undefined ? [end - start] : [];
    });
    for (const name of names) standIn.removeStore(`${name}.localhost`);
    return { concurrency, readyMs, wallMs, deleteMs, failed };
  } finally {
    await t.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const round = (ms: number): number => Math.round(ms);

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
      failed: results.flatMap((r) => pick(r).failed),
    });
    const c1 = summary((r) => r.c1);
    const c4 = summary((r) => r.c4);
    const deletes = results.flatMap((r) => [...r.c1.deleteMs, ...r.c4.deleteMs]);
    const report = {
      stores,
      runs,
      concurrency1: c1,
      concurrency4: c4,
      speedup: Math.round((c1.wallMs / Math.max(1, c4.wallMs)) * 100) / 100,
      deleteToNamespaceGoneP50Ms: round(median(deletes)),
      deleteToNamespaceGoneP95Ms: round(percentile(deletes, 95)),
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
