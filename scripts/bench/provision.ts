// Provisioning benchmark, for each store kind (WooCommerce, Medusa): create→Ready latency per
// store at concurrency 1 and 4, total wall time for each, delete→namespace-gone latency (stores
// deleted one at a time, and all at once), the engine's own overhead per store (create→Ready
// minus queueing, time inside Helm and the cluster's own readiness) and each step's median,
// against the test cluster, whose pods run no container. STAND-INS (also in the output's
// "standIns"): WooCommerce stores are verified against the local WooCommerce Store API stand-in;
// Medusa stores use an image named in the values (as a k3s server's values would) and are
// verified against a local Medusa Store API stand-in (test-rig/stand-ins/medusa), one per store.
// The real Medusa server's verify time comes from `npx tsx scripts/bench/medusa-verify.ts 10`.
// Run: npm run bench:provision -- --stores 20 [--runs 3] [--kind woocommerce|medusa|both]
// Set STOREFLEET_TEST_CLUSTER_REUSE=<kubeconfig> to reuse a cluster from `npm run cluster:up`.
import { parseArgs } from 'node:util';
import { startCluster } from '../../test-rig/cluster/cluster';
import { readReusedCluster } from '../../test-rig/cluster/reuse';
import { findToolchain } from '../../test-rig/cluster/toolchain';
import type { TestClusterInfo } from '../../test-rig/cluster/types';
import { startStoreApiStandIn } from '../../test-rig/stand-ins/woocommerce/store-api-stand-in';
import type { StoreKind } from '../../src-shared/types/store-types';
import type { Overhead } from './overhead';
import { STAND_INS, medusaRig, woocommerceRig, type KindRig } from './provision-kinds';
import { phase, type PhaseResult } from './provision-phase';
import { median, percentile } from './stats';

/** pkg/controller/namespace: the controller waits this long before it empties a namespace */
const NAMESPACE_DELETION_GRACE_MS = 5_000;
const KIND_CHOICES = {
  woocommerce: ['woocommerce'],
  medusa: ['medusa'],
  both: ['woocommerce', 'medusa'],
} as const;
const log = (line: string): void => void process.stderr.write(`${line}\n`);
const round = (ms: number): number => Math.round(ms);

interface RunResult {
  c1: PhaseResult;
  c4: PhaseResult;
}

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

/** One kind's figures over all runs: the shape the WooCommerce-only benchmark printed. */
function kindReport(results: RunResult[]) {
  const summary = (pick: (r: RunResult) => PhaseResult) => ({
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
  return {
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
}

function parseOptions(): { stores: number; runs: number; kinds: readonly StoreKind[] } {
  const { values } = parseArgs({
    options: {
      stores: { type: 'string', default: '20' },
      runs: { type: 'string', default: '1' },
      kind: { type: 'string', default: 'both' },
    },
  });
  const stores = Number(values.stores);
  const runs = Number(values.runs);
  if (!Number.isInteger(stores) || stores < 1 || stores > 100)
    throw new Error('--stores must be 1..100');
  if (!Number.isInteger(runs) || runs < 1 || runs > 10) throw new Error('--runs must be 1..10');
  const kind = values.kind;
  if (kind !== 'woocommerce' && kind !== 'medusa' && kind !== 'both')
    throw new Error('--kind must be woocommerce, medusa or both');
  return { stores, runs, kinds: KIND_CHOICES[kind] };
}

async function main(): Promise<void> {
  const { stores, runs, kinds } = parseOptions();
  const binDir = await findToolchain(log);
  const reuse = process.env.STOREFLEET_TEST_CLUSTER_REUSE;
  const started = reuse ? null : await startCluster({ binDir, log });
  const cluster = reuse ? await readReusedCluster(reuse, binDir) : (started as TestClusterInfo);
  const standIn = await startStoreApiStandIn();
  const rigs: Record<StoreKind, KindRig> = {
    woocommerce: woocommerceRig(standIn),
    medusa: medusaRig(),
  };
  try {
    const results = new Map<StoreKind, RunResult[]>(kinds.map((k) => [k, []]));
    for (let run = 0; run < runs; run++) {
      for (const kind of kinds) {
        const at = (concurrency: number): Promise<PhaseResult> =>
          phase({
            cluster,
            standIn,
            rig: rigs[kind],
            stores,
            concurrency,
            tag: `${kind === 'medusa' ? 'm' : 'w'}r${run}c${concurrency}`,
          });
        const c1 = await at(1);
        log(`run ${run + 1}, ${kind}: concurrency 1 done in ${round(c1.wallMs)} ms`);
        const c4 = await at(4);
        log(`run ${run + 1}, ${kind}: concurrency 4 done in ${round(c4.wallMs)} ms`);
        results.get(kind)?.push({ c1, c4 });
      }
    }
    const report = {
      stores,
      runs,
      kinds,
      standIns: {
        cluster: 'the test cluster (test-rig/cluster): pods run no container',
        ...Object.fromEntries(kinds.map((k) => [k, STAND_INS[k]])),
        medusaRealServerVerify: 'npx tsx scripts/bench/medusa-verify.ts 10',
      },
      ...Object.fromEntries(kinds.map((k) => [k, kindReport(results.get(k) ?? [])])),
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
