// Shared set-up for the engine's integration tests: one engine per test on its own data dir,
// against the test cluster, with storefronts served by the local Store API stand-in.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { testCluster } from '../cluster/test-cluster';
import {
  startStoreApiStandIn,
  type StoreApiStandIn,
} from '../stand-ins/woocommerce/store-api-stand-in';
import { runCommand } from '../../src-main/tools/exec';
import { connectCluster } from '../../src-main/engine/cluster-adapter';
import type { StoreCluster } from '../../src-main/engine/cluster-port';
import type { TestClusterInfo } from '../cluster/types';
import type { Store } from '../../src-shared/types/store-types';
import { buildTestEngine, type TestEngine, type TestEngineOptions } from './test-engine';

export interface IntEngine extends TestEngine {
  dataDir: string;
  logs: string[];
}

/** Names are unique per run: every test shares the one cluster. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}

export class IntEngines {
  private readonly open: IntEngine[] = [];

  constructor(
    private readonly cluster: () => TestClusterInfo,
    private readonly storefrontPort: () => number,
  ) {}

  async start(o: Partial<TestEngineOptions> = {}): Promise<IntEngine> {
    const dataDir = o.dataDir ?? (await mkdtemp(join(tmpdir(), 'storefleet-engine-')));
    const logs: string[] = [];
    const c = this.cluster();
    const built = buildTestEngine({
      kubeconfig: c.kubeconfigPath,
      context: c.context,
      helmPath: join(c.binDir, 'helm'),
      storefrontPort: this.storefrontPort(),
      log: (line) => logs.push(line),
      ...o,
      dataDir,
      settings: { maxCreatesPerMinute: 60, ...o.settings },
    });
    const engine: IntEngine = { ...built, dataDir, logs };
    this.open.push(engine);
    return engine;
  }

  /** Deletes whatever the tests left behind so the next test starts on an empty cluster. */
  async closeAll(): Promise<void> {
    for (const e of this.open.splice(0)) {
      const left = e.repo.list();
      for (const store of left) {
        if (store.status !== 'Deleting') await e.engine.delete(store.id).catch(() => undefined);
      }
      await Promise.all(left.map((store) => e.engine.settled(store.id)));
      await e.close();
      await rm(e.dataDir, { recursive: true, force: true });
    }
  }
}

/** Waits for the store's current operation to end, then returns its row. */
export async function settledStore(e: TestEngine, storeId: string): Promise<Store> {
  await e.engine.settled(storeId);
  const store = e.repo.get(storeId);
  if (!store) throw new Error(`store ${storeId} vanished`);
  return store;
}

/** Release names Helm knows in a namespace (all states), straight from the Helm CLI. */
export async function helmReleases(c: TestClusterInfo, namespace: string): Promise<string[]> {
  const { stdout } = await runCommand(join(c.binDir, 'helm'), [
    'list',
    '--all',
    '-q',
    '-n',
    namespace,
    '--kubeconfig',
    c.kubeconfigPath,
    '--kube-context',
    c.context,
  ]);
  return stdout.split('\n').filter((l) => l.trim().length > 0);
}

/**
 * One Store API stand-in for a test file's storefronts, and the engines its tests start:
 * engines are closed (their stores deleted) after each test, the stand-in after the file.
 */
export function useStandInEngines(): { engines: IntEngines; standIn: () => StoreApiStandIn } {
  let current: StoreApiStandIn | undefined;
  const standIn = (): StoreApiStandIn => {
    if (!current) throw new Error('the Store API stand-in starts in beforeAll');
    return current;
  };
  const engines = new IntEngines(testCluster, () => standIn().port);
  beforeAll(async () => {
    current = await startStoreApiStandIn();
  });
  afterEach(() => engines.closeAll());
  afterAll(() => current?.close());
  return { engines, standIn };
}

/** The engine's own cluster access to the test cluster, for checks from outside the engine. */
export function testStoreCluster(): StoreCluster {
  const c = testCluster();
  return connectCluster(
    { kubeconfig: c.kubeconfigPath, context: c.context },
    join(c.binDir, 'helm'),
  );
}
