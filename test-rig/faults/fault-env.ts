// What every fault family gets: a test cluster, a Store API stand-in for storefronts, a folder
// for data dirs, and helpers to build engines on them the way the app builds its engine.
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import type { StoreApiStandIn } from '../stand-ins/woocommerce/store-api-stand-in';
import type { TestClusterInfo } from '../cluster/types';
import { buildTestEngine, type TestEngine, type TestEngineOptions } from '../engine/test-engine';

export interface FaultEnv {
  cluster: TestClusterInfo;
  /** the cluster's kube-apiserver, when the suite started the cluster itself */
  apiserver?: { stop(): Promise<void>; start(): Promise<void> };
  standIn: StoreApiStandIn;
  /** data dirs go here; the caller removes it */
  workDir: string;
  /** how many faults of a family to inject; families scale their counts with it */
  scale: 'fast' | 'full';
  log(line: string): void;
}

/** Waits for short, bounded steps against the test cluster (kwok pods are Ready in a second). */
export const FAULT_TIMEOUTS: TestEngineOptions['timeouts'] = {
  waitMs: 60_000,
  verifyMs: 30_000,
  helmMs: 60_000,
  deleteMs: 60_000,
  pendingReleaseMs: 3_000,
  kubeCallMs: 10_000,
};

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}

export function newDataDir(env: FaultEnv, prefix: string): Promise<string> {
  return mkdtemp(join(env.workDir, `${prefix}-`));
}

/** An engine on `dataDir` against the test cluster, its storefronts served by the stand-in. */
export function startEngine(
  env: FaultEnv,
  dataDir: string,
  o: Partial<TestEngineOptions> = {},
): TestEngine {
  return buildTestEngine({
    kubeconfig: env.cluster.kubeconfigPath,
    context: env.cluster.context,
    helmPath: join(env.cluster.binDir, 'helm'),
    storefrontPort: env.standIn.port,
    timeouts: FAULT_TIMEOUTS,
    log: (line) => env.log(`  engine: ${line}`),
    ...o,
    dataDir,
    settings: { maxCreatesPerMinute: 60, ...o.settings },
  });
}

/** Polls `check` until it returns true; false when `timeoutMs` passed first. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  intervalMs = 50,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
